using DocStream.Contracts.V1;
using DocStream.Testing;

namespace DocStream.Server.Tests.EndToEnd;

/// <summary>
/// GetDocument and StreamDocuments send the stored body as it lies (pre-encoded); ListDocuments and
/// BatchGetDocuments build typed messages. Every way must give the same documents.
/// </summary>
[Collection(ServerCollection.Name)]
public class ReadPathsTests(SampleCorpusServerFixture fixture)
{
    private DocumentService.DocumentServiceClient Client => fixture.Server.Client;

    [Theory]
    [InlineData(DocumentView.Full)]
    [InlineData(DocumentView.Basic)]
    [InlineData(DocumentView.Parsed)]
    [InlineData(DocumentView.Raw)]
    public async Task EveryReadMethod_GivesTheSameDocuments(DocumentView view)
    {
        var listed = (await Client.ListDocumentsAsync(new ListDocumentsRequest { PageSize = 1000, View = view })).Documents;
        var streamed = (await Client.StreamAllAsync(new StreamDocumentsRequest { View = view })).Select(s => s.Document).ToList();
        var fetched = new List<Document>();
        foreach (var document in listed)
        {
            fetched.Add(await Client.GetDocumentAsync(new GetDocumentRequest { Name = document.Name, View = view }));
        }

        var batch = new BatchGetDocumentsRequest { View = view };
        batch.Names.AddRange(listed.Select(d => d.Name));
        var batched = new List<Document>();
        using (var call = Client.BatchGetDocuments(batch))
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
                batched.Add(call.ResponseStream.Current.Found);
            }
        }

        Assert.True(listed.Count >= 5);
        Assert.Equal(listed, streamed);
        Assert.Equal(listed, fetched);
        Assert.Equal(listed, batched);
        Assert.All(listed, d => Assert.Equal(view is DocumentView.Full or DocumentView.Parsed, d.Body.Count > 0));
        Assert.All(listed, d => Assert.Equal(view is DocumentView.Full or DocumentView.Raw, d.RawContent.Length > 0));
    }

    [Theory]
    [InlineData(DocumentView.Parsed)]
    [InlineData(DocumentView.Raw)]
    public async Task PartialView_IsTheFullDocumentWithoutTheOtherFormOfTheText(DocumentView view)
    {
        var full = (await Client.StreamAllAsync(new StreamDocumentsRequest { View = DocumentView.Full })).Select(s => s.Document).ToList();
        var partial = (await Client.StreamAllAsync(new StreamDocumentsRequest { View = view })).Select(s => s.Document).ToList();

        var expected = full.Select(document =>
        {
            var trimmed = document.Clone();
            if (view == DocumentView.Parsed)
            {
                trimmed.RawContent = Google.Protobuf.ByteString.Empty;
            }
            else
            {
                trimmed.Body.Clear();
                trimmed.ReadAlso.Clear();
            }

            return trimmed;
        });
        Assert.Equal(expected, partial);
        Assert.True(partial.Sum(d => d.CalculateSize()) < 0.75 * full.Sum(d => d.CalculateSize()), "the view sends the text once");
    }
}
