using DocStream.Core.Documents;
using DocStream.Core.Querying;
using DocStream.Core.Storage;
using DocStream.Server.Application;

namespace DocStream.Server.Tests.Application;

/// <summary>The shared window of recent changes answers a page exactly as the store does, or not at all.</summary>
public class RecentChangesTests
{
    private readonly ApplicationFixtures _fixtures = new();
    private readonly ChangeNotifications _notifications = new();

    [Theory]
    [InlineData(DocumentParts.Basic, "")]
    [InlineData(DocumentParts.Full, "")]
    [InlineData(DocumentParts.Basic, "language = \"ar\"")]
    [InlineData(DocumentParts.Full, "language = \"en\"")]
    public async Task TryReadAsync_AtTheHead_AnswersAsTheStoreDoes(DocumentParts parts, string filter)
    {
        using var recent = new RecentChanges(_fixtures.Store.Changes, _notifications, TimeProvider.System);
        var start = await recent.TryReadAsync(new ChangeQuery { Limit = 10 }, _notifications.Generation, null, default);
        var articles = await _fixtures.AddAsync(5, bytes: 500);
        _notifications.Notify();
        await recent.TryReadAsync(new ChangeQuery { Limit = 10, AfterChange = start!.ReadThrough }, _notifications.Generation, null, default);
        // Changes to documents the window already holds: a deletion, and a re-parse that takes one out of "ar".
        await _fixtures.Store.Writer.DeleteAsync(articles[1].Id, null, default);
        await _fixtures.Store.Writer.ReplaceParsedAsync(
            [new ParsedReplacement(articles[3].Id, articles[3].Parsed with { LanguageCode = "en" })], Core.Parsing.ArticleParser.Version, default);
        _notifications.Notify();
        var query = new ChangeQuery { AfterChange = start.ReadThrough, Limit = 3, Parts = parts, Filter = FilterParser.Parse(filter) };

        for (var page = 0; page < 3; page++)
        {
            var fromMemory = await recent.TryReadAsync(query, _notifications.Generation, null, default);
            var fromStore = await _fixtures.Store.Changes.ReadAsync(query, default);

            Assert.NotNull(fromMemory);
            Assert.Equal(Describe(fromStore), Describe(fromMemory));
            query = query with { AfterChange = fromStore.ReadThrough };
        }
    }

    [Fact]
    public async Task TryReadAsync_QueryFromBeforeTheWindow_IsLeftToTheStore()
    {
        await _fixtures.AddAsync(3, bytes: 500);
        using var recent = new RecentChanges(_fixtures.Store.Changes, _notifications, TimeProvider.System);

        var page = await recent.TryReadAsync(new ChangeQuery { AfterChange = 1, Limit = 10 }, _notifications.Generation, null, default);

        Assert.Null(page);
    }

    [Fact]
    public async Task TryReadAsync_FeedFarAheadOfTheWindow_StartsAgainAtTheHeadAndLeavesOlderQueriesToTheStore()
    {
        using var recent = new RecentChanges(_fixtures.Store.Changes, _notifications, TimeProvider.System);
        var start = (await recent.TryReadAsync(new ChangeQuery { Limit = 1 }, _notifications.Generation, null, default))!.ReadThrough;
        await _fixtures.AddAsync(RecentChanges.Capacity + 10, bytes: 200);
        _notifications.Notify();
        var head = await _fixtures.Store.Changes.GetLastChangeAsync(default);

        var atHead = await recent.TryReadAsync(new ChangeQuery { AfterChange = head, Limit = 10 }, _notifications.Generation, null, default);
        var behind = await recent.TryReadAsync(new ChangeQuery { AfterChange = head - 5, Limit = 10 }, _notifications.Generation, null, default);
        var tooOld = await recent.TryReadAsync(new ChangeQuery { AfterChange = start, Limit = 10 }, _notifications.Generation, null, default);

        Assert.Empty(atHead!.Changes);
        Assert.Equal(head, atHead.ReadThrough);
        Assert.Null(behind);
        Assert.Null(tooOld);
    }

    [Fact]
    public async Task TryReadAsync_AskedForAReadAfterAGivenTime_ReadsTheStoreEvenWithoutANotification()
    {
        using var recent = new RecentChanges(_fixtures.Store.Changes, _notifications, TimeProvider.System);
        var start = (await recent.TryReadAsync(new ChangeQuery { Limit = 1 }, _notifications.Generation, null, default))!.ReadThrough;
        await _fixtures.AddAsync(1, bytes: 300);
        var unnotified = new ChangeQuery { AfterChange = start, Limit = 10 };

        var cached = await recent.TryReadAsync(unnotified, _notifications.Generation, null, default);
        var fresh = await recent.TryReadAsync(unnotified, _notifications.Generation, TimeProvider.System.GetTimestamp(), default);

        Assert.Empty(cached!.Changes);
        Assert.Single(fresh!.Changes);
    }

    [Fact]
    public async Task TryReadAsync_GenerationAlreadySeen_DoesNotReadTheStoreAgain()
    {
        var counting = new CountingChangeFeed(_fixtures.Store.Changes);
        using var recent = new RecentChanges(counting, _notifications, TimeProvider.System);
        await recent.TryReadAsync(new ChangeQuery { Limit = 10 }, _notifications.Generation, null, default);
        var reads = counting.Reads;

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => recent.TryReadAsync(new ChangeQuery { Limit = 10 }, _notifications.Generation, null, default)));
        _notifications.Notify();
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => recent.TryReadAsync(new ChangeQuery { Limit = 10 }, _notifications.Generation, null, default)));

        Assert.Equal(reads + 1, counting.Reads);
    }

    private static string Describe(ChangePage page) =>
        $"{page.ReadThrough}|{page.MoreMayFollow}|" + string.Join(",", page.Changes.Select(c =>
            $"{c.Change}:{c.Id}:{c.CreatedChange}:{c.Document?.Parts}:{c.Document?.SerializedSize}:{c.Document?.RawContent?.Length}"));
}
