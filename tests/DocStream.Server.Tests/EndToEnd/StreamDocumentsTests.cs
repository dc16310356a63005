using DocStream.Testing;
using DocStream.Client;
using DocStream.Contracts.V1;
using Google.Rpc;
using Grpc.Core;

namespace DocStream.Server.Tests.EndToEnd;

[Collection(ServerCollection.Name)]
public class StreamDocumentsTests(SampleCorpusServerFixture fixture)
{
    private DocumentService.DocumentServiceClient Client => fixture.Server.Client;

    [Fact]
    public async Task StreamDocuments_WholeCorpus_MatchesTheListInOrder()
    {
        var streamed = await Client.StreamAllAsync(new StreamDocumentsRequest());

        Assert.Equal(await Client.ListAllNamesAsync(pageSize: 1000), streamed.Select(s => s.Document.Name));
        Assert.All(streamed, s => Assert.False(s.Document.RawContent.IsEmpty));
        Assert.All(streamed, s => Assert.NotEmpty(s.ResumeToken));
    }

    [Fact]
    public async Task StreamDocuments_CutAfterTwoThenResumed_HasNoGapAndNoDuplicate()
    {
        var full = await Client.StreamAllAsync(new StreamDocumentsRequest { View = DocumentView.Basic });
        var firstPart = new List<string>();
        var lastToken = "";
        using (var cancel = new CancellationTokenSource())
        using (var call = Client.StreamDocuments(new StreamDocumentsRequest { View = DocumentView.Basic }, cancellationToken: cancel.Token))
        {
            await foreach (var (document, token) in call.ResponseStream.ReadDocumentsAsync(CancellationToken.None))
            {
                firstPart.Add(document.Name);
                lastToken = token;
                if (firstPart.Count == 2)
                {
                    await cancel.CancelAsync();
                    break;
                }
            }
        }

        var rest = await Client.StreamAllAsync(new StreamDocumentsRequest { View = DocumentView.Basic, ResumeToken = lastToken });

        Assert.Equal(full.Select(f => f.Document.Name), firstPart.Concat(rest.Select(r => r.Document.Name)));
    }

    [Fact]
    public async Task StreamDocuments_SourceFilter_StreamsOnlyMatches()
    {
        var streamed = await Client.StreamAllAsync(new StreamDocumentsRequest { Filter = "source = \"صحيفة الاتحاد\"" });

        Assert.NotEmpty(streamed);
        Assert.All(streamed, s => Assert.Contains("صحيفة الاتحاد", s.Document.Sources));
    }

    [Fact]
    public async Task StreamDocuments_ResumeTokenOfAnotherView_IsInvalidArgument()
    {
        var first = (await Client.StreamAllAsync(new StreamDocumentsRequest { View = DocumentView.Basic }))[0];

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Client.StreamAllAsync(new StreamDocumentsRequest { View = DocumentView.Full, ResumeToken = first.ResumeToken }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("resume_token", Assert.Single(error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations).Field);
    }

    [Fact]
    public async Task StreamDocuments_ExpiredDeadline_IsDeadlineExceeded()
    {
        using var call = Client.StreamDocuments(new StreamDocumentsRequest(), deadline: DateTime.UtcNow.AddMilliseconds(-1));

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Fact]
    public async Task BatchGetDocuments_FoundAndMissing_AnswersEachNameInOrder()
    {
        var names = await Client.ListAllNamesAsync(pageSize: 1000);
        var missing = "documents/" + new string('f', 32);
        using var call = Client.BatchGetDocuments(new BatchGetDocumentsRequest { Names = { names[1], missing, names[0] } });

        var results = new List<(string Name, Document? Document)>();
        await foreach (var result in call.ResponseStream.ReadResultsAsync())
        {
            results.Add(result);
        }

        Assert.Equal([names[1], missing, names[0]], results.Select(r => r.Name));
        Assert.Null(results[1].Document);
        Assert.False(results[0].Document!.RawContent.IsEmpty);
    }

    [Fact]
    public async Task BatchGetDocuments_OneMalformedName_IsInvalidArgumentNamingItsIndex()
    {
        using var call = Client.BatchGetDocuments(new BatchGetDocumentsRequest { Names = { "documents/" + new string('a', 32), "oops" } });

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());

        Assert.Equal("names[1]", Assert.Single(error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations).Field);
    }

    [Fact]
    public async Task BatchGetDocuments_TooManyNames_IsInvalidArgument()
    {
        var request = new BatchGetDocumentsRequest();
        request.Names.Add(Enumerable.Repeat("documents/" + new string('a', 32), 1001));
        using var call = Client.BatchGetDocuments(request);

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    [Fact]
    public async Task DeleteDocument_WrongEtagThenRightEtag_AbortsThenDeletes()
    {
        var created = await Client.CreateAsync(CorpusHelpers.UniqueArticle());

        var mismatch = await Assert.ThrowsAsync<RpcException>(() =>
            Client.DeleteDocumentAsync(new DeleteDocumentRequest { Name = created.Name, Etag = "not-the-etag" }).ResponseAsync);
        Assert.Equal(StatusCode.Aborted, mismatch.StatusCode);
        Assert.Equal("ETAG_MISMATCH", mismatch.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
        Assert.NotNull(await Client.GetDocumentAsync(new GetDocumentRequest { Name = created.Name, View = DocumentView.Basic }));

        await Client.DeleteDocumentAsync(new DeleteDocumentRequest { Name = created.Name, Etag = created.Etag });

        var gone = await Assert.ThrowsAsync<RpcException>(() => Client.GetDocumentAsync(new GetDocumentRequest { Name = created.Name }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, gone.StatusCode);
        Assert.DoesNotContain(created.Name, await Client.ListAllNamesAsync(pageSize: 1000));
    }

    [Fact]
    public async Task DeleteDocument_Missing_IsNotFoundUnlessAllowMissing()
    {
        var name = "documents/" + new string('e', 32);

        var error = await Assert.ThrowsAsync<RpcException>(() => Client.DeleteDocumentAsync(new DeleteDocumentRequest { Name = name }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, error.StatusCode);

        await Client.DeleteDocumentAsync(new DeleteDocumentRequest { Name = name, AllowMissing = true });
    }
}
