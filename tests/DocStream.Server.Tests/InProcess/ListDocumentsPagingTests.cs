using DocStream.Contracts.V1;
using Google.Rpc;
using Grpc.Core;

namespace DocStream.Server.Tests.InProcess;

/// <summary>ListDocuments' pages: as large as asked, never over one message, with a token exactly when more follow.</summary>
public sealed class ListDocumentsPagingTests : InProcessTests
{
    [Fact]
    public async Task ListDocuments_FullDocumentsOfAThirdOfAMessage_FillsEachPageUpToTheMessageAndCoversEveryDocument()
    {
        var created = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            created.Add((await Client.CreateAsync(InProcessArticles.Article($"{i}", bytes: 2500))).Name);
        }

        var pages = new List<ListDocumentsResponse>();
        var token = "";
        do
        {
            var page = await Client.ListDocumentsAsync(new ListDocumentsRequest { PageSize = 10, PageToken = token, View = DocumentView.Full });
            pages.Add(page);
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal(created, pages.SelectMany(page => page.Documents).Select(document => document.Name));
        Assert.All(pages, page => Assert.InRange(page.CalculateSize(), 1, DocStreamApplicationFactory.MaxMessageBytes));
        Assert.All(pages.SkipLast(1), page => Assert.True(page.Documents.Count >= 2, "a page holds as many documents as fit"));
        Assert.True(pages.Count >= 3, $"ten documents of about 5 KB in FULL view need several 16 KiB pages, got {pages.Count}");
    }

    [Fact]
    public async Task ListDocuments_LastPageExactlyFull_HasNoToken()
    {
        for (var i = 0; i < 4; i++)
        {
            await Client.CreateAsync(InProcessArticles.Article($"{i}"));
        }

        var first = await Client.ListDocumentsAsync(new ListDocumentsRequest { PageSize = 2 });
        var second = await Client.ListDocumentsAsync(new ListDocumentsRequest { PageSize = 2, PageToken = first.NextPageToken });

        Assert.NotEmpty(first.NextPageToken);
        Assert.Equal(2, second.Documents.Count);
        Assert.Empty(second.NextPageToken);
    }

    [Fact]
    public async Task ListDocuments_DocumentLargerThanAMessageInFull_GoesInBasicViewNamedAsOversizedAndPagingGoesOn()
    {
        var before = await Client.CreateAsync(InProcessArticles.Article("before"));
        var large = await Client.CreateAsync(InProcessArticles.Article("large", bytes: 40 * 1024));
        var after = await Client.CreateAsync(InProcessArticles.Article("after"));

        var pages = new List<ListDocumentsResponse>();
        var token = "";
        do
        {
            var page = await Client.ListDocumentsAsync(new ListDocumentsRequest { View = DocumentView.Full, PageToken = token });
            pages.Add(page);
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        var listed = pages.SelectMany(page => page.Documents).ToList();
        Assert.Equal([before.Name, large.Name, after.Name], listed.Select(document => document.Name));
        Assert.Equal([large.Name], pages.SelectMany(page => page.OversizedDocuments));
        var oversized = listed[1];
        Assert.True(oversized.RawContent.IsEmpty && oversized.Body.Count == 0, "the oversized document goes without its content");
        Assert.Equal(large.SizeBytes, oversized.SizeBytes);
        Assert.Equal(large.Title, oversized.Title);
        Assert.All([listed[0], listed[2]], document => Assert.False(document.RawContent.IsEmpty, "the others go in FULL view"));
        Assert.All(pages, page => Assert.InRange(page.CalculateSize(), 1, DocStreamApplicationFactory.MaxMessageBytes));
    }

    [Fact]
    public async Task ListDocuments_DocumentsThatFitInFull_NameNoneAsOversized()
    {
        await Client.CreateAsync(InProcessArticles.Article("small"));

        var page = await Client.ListDocumentsAsync(new ListDocumentsRequest { View = DocumentView.Full });

        Assert.Single(page.Documents);
        Assert.Empty(page.OversizedDocuments);
    }

    [Fact]
    public async Task ListDocuments_UnknownView_IsInvalidArgumentNamingTheField()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.ListDocumentsAsync(new ListDocumentsRequest { View = (DocumentView)7 }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("view", Assert.Single(error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations).Field);
    }
}
