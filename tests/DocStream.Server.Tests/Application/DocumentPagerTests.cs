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
    public async Task ListAsync_FirstDocumentLargerThanAMessage_IsRefused()
    {
        var large = (await _fixtures.AddAsync(1, bytes: 40_000))[0];

        var error = await Assert.ThrowsAsync<DocumentTooLargeForMessageException>(() =>
            _fixtures.Pager.ListAsync(DocumentFilter.All, DocumentParts.Full, 10, null, default));

        Assert.Equal(DocumentName.Format(large.Id), error.Name);
        Assert.Equal(ApplicationFixtures.MaxMessageBytes, error.MaxMessageBytes);
    }
}
