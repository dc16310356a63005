using DocStream.Testing;
using DocStream.Contracts.V1;
using Google.Rpc;
using Grpc.Core;

namespace DocStream.Server.Tests.EndToEnd;

[Collection(ServerCollection.Name)]
public class ListDocumentsTests(SampleCorpusServerFixture fixture)
{
    private DocumentService.DocumentServiceClient Client => fixture.Server.Client;

    [Fact]
    public async Task ListDocuments_PagesOfTwo_CoverEverySampleOnceInStableOrder()
    {
        var pagedNames = await Client.ListAllNamesAsync(pageSize: 2);
        var oneShot = (await Client.ListDocumentsAsync(new ListDocumentsRequest { PageSize = 1000 })).Documents.Select(d => d.Name);

        Assert.Equal(oneShot, pagedNames);
        Assert.Equal(pagedNames.Count, pagedNames.Distinct().Count());
        foreach (var file in CorpusHelpers.SampleFiles())
        {
            Assert.Contains(CorpusHelpers.NameOf(await File.ReadAllBytesAsync(file)), pagedNames);
        }
    }

    [Fact]
    public async Task ListDocuments_DefaultView_IsBasic()
    {
        var page = await Client.ListDocumentsAsync(new ListDocumentsRequest { PageSize = 5 });

        Assert.All(page.Documents, d => Assert.True(d.RawContent.IsEmpty && d.Body.Count == 0 && d.Title.Length > 0));
    }

    [Fact]
    public async Task ListDocuments_SourceFilter_ReturnsOnlyThatSource()
    {
        var names = await Client.ListAllNamesAsync(filter: "source = \"وكالة سوا\"");

        var sample = CorpusHelpers.NameOf(await File.ReadAllBytesAsync(CorpusHelpers.SampleFiles()[0]));
        Assert.Equal([sample], names);
    }

    [Fact]
    public async Task ListDocuments_PublishedTimeRange_ReturnsOnlyDocumentsDatedInIt()
    {
        var inRange = await Client.ListAllNamesAsync(filter: "published_time >= \"2023-10-13\" AND published_time < \"2023-10-14\"");
        var before = await Client.ListAllNamesAsync(filter: "published_time < \"2023-10-13\"");

        var sample = CorpusHelpers.NameOf(await File.ReadAllBytesAsync(CorpusHelpers.SampleFiles()[2]));
        Assert.Contains(sample, inRange);
        Assert.DoesNotContain(sample, before);
        var dated = await Client.BatchGetDocuments(new BatchGetDocumentsRequest { Names = { inRange }, View = DocumentView.Basic }).ResponseStream.ReadAllAsync().ToListAsync();
        Assert.All(dated, d => Assert.Equal(new DateTime(2023, 10, 13, 0, 0, 0, DateTimeKind.Utc), d.Found.PublishedTime.ToDateTime()));
    }

    [Fact]
    public async Task ListDocuments_TokenFromAnotherFilter_IsInvalidArgument()
    {
        var first = await Client.ListDocumentsAsync(new ListDocumentsRequest { PageSize = 1 });

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Client.ListDocumentsAsync(new ListDocumentsRequest { PageSize = 1, PageToken = first.NextPageToken, Filter = "language = \"en\"" }).ResponseAsync);

        AssertInvalidField(error, "page_token", "TOKEN_INVALID");
    }

    [Fact]
    public async Task ListDocuments_TamperedToken_IsInvalidArgument()
    {
        var first = await Client.ListDocumentsAsync(new ListDocumentsRequest { PageSize = 1 });
        var token = first.NextPageToken.ToCharArray();
        token[5] = token[5] == 'A' ? 'B' : 'A';

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Client.ListDocumentsAsync(new ListDocumentsRequest { PageSize = 1, PageToken = new string(token) }).ResponseAsync);

        AssertInvalidField(error, "page_token", "TOKEN_INVALID");
    }

    [Theory]
    [InlineData("title = \"x\"", 0)]
    [InlineData("source = \"unterminated", 9)]
    [InlineData("published_time >= \"yesterday\"", 18)]
    [InlineData("source = \"a\" OR source = \"b\"", 13)]
    public async Task ListDocuments_BadFilter_IsInvalidArgumentWithPosition(string filter, int position)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.ListDocumentsAsync(new ListDocumentsRequest { Filter = filter }).ResponseAsync);

        var status = AssertInvalidField(error, "filter", "FILTER_INVALID");
        Assert.Equal(position.ToString(System.Globalization.CultureInfo.InvariantCulture), status.GetDetail<ErrorInfo>().Metadata["position"]);
    }

    [Fact]
    public async Task ListDocuments_NegativePageSize_IsInvalidArgument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.ListDocumentsAsync(new ListDocumentsRequest { PageSize = -1 }).ResponseAsync);

        AssertInvalidField(error, "page_size", "PAGE_SIZE_NEGATIVE");
    }

    [Fact]
    public async Task ListDocuments_PageSizeAboveMaximum_IsLoweredNotRejected()
    {
        var page = await Client.ListDocumentsAsync(new ListDocumentsRequest { PageSize = 100_000 });

        Assert.NotEmpty(page.Documents);
    }

    private static Google.Rpc.Status AssertInvalidField(RpcException error, string field, string reason)
    {
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var status = error.GetRpcStatus()!;
        Assert.Equal(field, Assert.Single(status.GetDetail<BadRequest>().FieldViolations).Field);
        Assert.Equal(reason, status.GetDetail<ErrorInfo>().Reason);
        return status;
    }
}
