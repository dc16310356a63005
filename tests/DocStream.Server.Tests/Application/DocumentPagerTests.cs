using DocStream.Core.Documents;
using DocStream.Core.Querying;
using DocStream.Server.Application;

namespace DocStream.Server.Tests.Application;

public class DocumentPagerTests
{
    private readonly ApplicationFixtures _fixtures = new();

    [Fact]
    public async Task ListAsync_PagesOfTheSizeAsked_CoverEveryDocumentAndEndWithoutAToken()
    {
        var articles = await _fixtures.AddAsync(7, bytes: 300);

        var pages = new List<DocumentListPage>();
        string? token = null;
        do
        {
            var page = await _fixtures.Pager.ListAsync(DocumentFilter.All, DocumentParts.Basic, 3, token, default);
            pages.Add(page);
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal([3, 3, 1], pages.Select(p => p.Documents.Count));
        Assert.Equal(articles.Select(a => a.Id), pages.SelectMany(p => p.Documents).Select(d => d.Id));
    }

    [Fact]
    public async Task ListAsync_DocumentsThatTogetherExceedAMessage_EndThePageEarlyWithAToken()
    {
        await _fixtures.AddAsync(6, bytes: 5000);

        var page = await _fixtures.Pager.ListAsync(DocumentFilter.All, DocumentParts.Full, 6, null, default);

        Assert.InRange(page.Documents.Count, 1, 5);
        Assert.True(page.Documents.Sum(d => d.SerializedSize) <= _fixtures.Budgets.ListPageBytes(6));
        Assert.NotEmpty(page.NextPageToken);
    }

    [Fact]
    public async Task ListAsync_NoPageSizeOrTooLargeOne_GivesTheDefaultOrTheMaximum()
    {
        await _fixtures.AddAsync(DocumentPager.DefaultPageSize + 5, bytes: 100);

        var unsized = await _fixtures.Pager.ListAsync(DocumentFilter.All, DocumentParts.Basic, 0, null, default);
        var oversized = await _fixtures.Pager.ListAsync(DocumentFilter.All, DocumentParts.Basic, 100_000, null, default);

        Assert.Equal(DocumentPager.DefaultPageSize, unsized.Documents.Count);
        Assert.Equal(DocumentPager.DefaultPageSize + 5, oversized.Documents.Count);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _fixtures.Pager.ListAsync(DocumentFilter.All, DocumentParts.Basic, -1, null, default));
    }

    [Fact]
    public async Task ListAsync_DocumentsLargerThanAMessage_GoInBasicPartsNamedAsOversized()
    {
        var small = await _fixtures.AddAsync(2, bytes: 300);
        var large = await _fixtures.AddAsync(2, bytes: 40_000);

        var first = await _fixtures.Pager.ListAsync(DocumentFilter.All, DocumentParts.Full, 10, null, default);
        var second = await _fixtures.Pager.ListAsync(DocumentFilter.All, DocumentParts.Full, 10, first.NextPageToken, default);

        // The store's read stops at the document that crosses the page's bytes, so each oversized one ends its page.
        Assert.Equal(small.Append(large[0]).Select(a => a.Id), first.Documents.Select(d => d.Id));
        Assert.Equal([DocumentParts.Full, DocumentParts.Full, DocumentParts.Basic], first.Documents.Select(d => d.Parts));
        Assert.Equal([DocumentName.Format(large[0].Id)], first.OversizedDocuments);
        Assert.True(first.Documents.Sum(d => d.SerializedSize) <= _fixtures.Budgets.ListPageBytes(10));
        Assert.Equal([DocumentName.Format(large[1].Id)], second.OversizedDocuments);
        Assert.Equal(DocumentParts.Basic, Assert.Single(second.Documents).Parts);
        var last = await _fixtures.Pager.ListAsync(DocumentFilter.All, DocumentParts.Full, 10, second.NextPageToken, default);
        Assert.Empty(last.Documents);
        Assert.Empty(last.NextPageToken);
    }
}
