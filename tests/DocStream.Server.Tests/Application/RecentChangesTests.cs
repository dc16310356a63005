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
        using var recent = new RecentChanges(_fixtures.Store.Changes, _notifications);
        var start = await recent.TryReadAsync(new ChangeQuery { Limit = 10 }, _notifications.Generation, default);
        var articles = await _fixtures.AddAsync(5, bytes: 500);
        await _fixtures.Store.Writer.DeleteAsync(articles[1].Id, null, default);
        _notifications.Notify();
        var query = new ChangeQuery { AfterChange = start!.ReadThrough, Limit = 3, Parts = parts, Filter = FilterParser.Parse(filter) };

        for (var page = 0; page < 3; page++)
        {
            var fromMemory = await recent.TryReadAsync(query, _notifications.Generation, default);
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
        using var recent = new RecentChanges(_fixtures.Store.Changes, _notifications);

        var page = await recent.TryReadAsync(new ChangeQuery { AfterChange = 1, Limit = 10 }, _notifications.Generation, default);

        Assert.Null(page);
    }

    [Fact]
    public async Task TryReadAsync_MoreChangesThanItHolds_KeepsTheLatestAndLeavesOlderQueriesToTheStore()
    {
        using var recent = new RecentChanges(_fixtures.Store.Changes, _notifications);
        var start = (await recent.TryReadAsync(new ChangeQuery { Limit = 1 }, _notifications.Generation, default))!.ReadThrough;
        await _fixtures.AddAsync(RecentChanges.Capacity + 10, bytes: 200);
        _notifications.Notify();
        var head = await _fixtures.Store.Changes.GetLastChangeAsync(default);

        var tail = await recent.TryReadAsync(new ChangeQuery { AfterChange = head - 5, Limit = 10 }, _notifications.Generation, default);
        var tooOld = await recent.TryReadAsync(new ChangeQuery { AfterChange = start, Limit = 10 }, _notifications.Generation, default);

        Assert.Equal(5, tail!.Changes.Count);
        Assert.Equal(head, tail.ReadThrough);
        Assert.Null(tooOld);
    }

    [Fact]
    public async Task TryReadAsync_GenerationAlreadySeen_DoesNotReadTheStoreAgain()
    {
        var counting = new CountingFeed(_fixtures.Store.Changes);
        using var recent = new RecentChanges(counting, _notifications);
        await recent.TryReadAsync(new ChangeQuery { Limit = 10 }, _notifications.Generation, default);
        var reads = counting.Reads;

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => recent.TryReadAsync(new ChangeQuery { Limit = 10 }, _notifications.Generation, default)));
        _notifications.Notify();
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => recent.TryReadAsync(new ChangeQuery { Limit = 10 }, _notifications.Generation, default)));

        Assert.Equal(reads + 1, counting.Reads);
    }

    private static string Describe(ChangePage page) =>
        $"{page.ReadThrough}|{page.MoreMayFollow}|" + string.Join(",", page.Changes.Select(c =>
            $"{c.Change}:{c.Id}:{c.CreatedChange}:{c.Document?.Parts}:{c.Document?.SerializedSize}:{c.Document?.RawContent?.Length}"));

    private sealed class CountingFeed(IChangeFeed inner) : IChangeFeed
    {
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public Task<ChangePage> ReadAsync(ChangeQuery query, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _reads);
            return inner.ReadAsync(query, cancellationToken);
        }

        public Task<long> GetLastChangeAsync(CancellationToken cancellationToken) => inner.GetLastChangeAsync(cancellationToken);

        public Task ListenAsync(Action changed, CancellationToken cancellationToken) => inner.ListenAsync(changed, cancellationToken);

        public Task<int> PruneDeletionsAsync(DateTimeOffset deletedBefore, CancellationToken cancellationToken) =>
            inner.PruneDeletionsAsync(deletedBefore, cancellationToken);
    }
}
