using DocStream.Core.Documents;
using DocStream.Core.Querying;
using DocStream.Core.Storage;
using DocStream.Server.Application;

namespace DocStream.Server.Tests.Application;

public class DocumentWatcherTests
{
    private static readonly TimeSpan LongHeartbeat = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly ApplicationFixtures _fixtures = new();
    private readonly ChangeNotifications _notifications = new();

    [Fact]
    public async Task WatchAsync_DocumentDeletedDuringTheSnapshot_IsNeverSentAfterItsDeletion()
    {
        var articles = await _fixtures.AddAsync(3 * DocumentWatcher.PageChanges, bytes: 400);
        var sentEarly = articles[1].Id;
        var notYetRead = articles[^5].Id;
        using var cancel = new CancellationTokenSource(Patience);
        await using var frames = Watcher(_fixtures.Store.Changes).WatchAsync(DocumentFilter.All, DocumentParts.Basic, null, WatchStart.Snapshot, LongHeartbeat, cancel.Token)
            .GetAsyncEnumerator(cancel.Token);
        var seen = new List<WatchFrame>();
        while (seen.Count < 5 && await frames.MoveNextAsync())
        {
            seen.Add(frames.Current);
        }

        await Writer().DeleteAsync(sentEarly, null, default);
        await Writer().DeleteAsync(notYetRead, null, default);
        while (seen.Count(f => f.ChangeType == WatchChangeType.Deleted && f.Kind == WatchEventKind.Change) < 2 && await frames.MoveNextAsync())
        {
            seen.Add(frames.Current);
        }

        var names = seen.Select(f => (f.Kind, f.ChangeType, f.Name)).ToList();
        var complete = names.FindIndex(f => f.Kind == WatchEventKind.SnapshotComplete);
        Assert.DoesNotContain((WatchEventKind.Change, WatchChangeType.Created, DocumentName.Format(notYetRead)), names);
        Assert.True(names.IndexOf((WatchEventKind.Change, WatchChangeType.Created, DocumentName.Format(sentEarly))) < complete);
        Assert.True(names.IndexOf((WatchEventKind.Change, WatchChangeType.Deleted, DocumentName.Format(sentEarly))) > complete);
        Assert.True(names.IndexOf((WatchEventKind.Change, WatchChangeType.Deleted, DocumentName.Format(notYetRead))) > complete);
        Assert.Equal(articles.Count - 1, names.Count(f => f.ChangeType == WatchChangeType.Created && f.Kind == WatchEventKind.Change));
    }

    [Fact]
    public async Task WatchAsync_Cancelled_StopsAtOnce()
    {
        using var cancel = new CancellationTokenSource();
        await using var frames = Watcher(_fixtures.Store.Changes).WatchAsync(DocumentFilter.All, DocumentParts.Basic, null, WatchStart.Now, LongHeartbeat, cancel.Token)
            .GetAsyncEnumerator(cancel.Token);
        Assert.True(await frames.MoveNextAsync());
        var waiting = frames.MoveNextAsync().AsTask();

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Patience));
    }

    [Fact]
    public async Task WatchAsync_IdleWatchers_ReadTheStoreOnceForAllOfThemWhenSomethingIsWritten()
    {
        var counting = new CountingChangeFeed(_fixtures.Store.Changes);
        using var recent = new RecentChanges(counting, _notifications, TimeProvider.System);
        var shared = Watcher(counting, recent);
        using var cancel = new CancellationTokenSource(Patience);
        var watchers = Enumerable.Range(0, 50)
            .Select(_ => shared.WatchAsync(DocumentFilter.All, DocumentParts.Basic, null, WatchStart.Now, LongHeartbeat, cancel.Token).GetAsyncEnumerator(cancel.Token))
            .ToList();
        foreach (var watcher in watchers)
        {
            Assert.True(await watcher.MoveNextAsync());
        }

        var next = watchers.Select(w => w.MoveNextAsync().AsTask()).ToList();
        await Task.Delay(300);
        var readsWhileIdle = counting.Reads;
        await Task.Delay(500);
        var readsAfterWaiting = counting.Reads;
        await Writer().AddAsync([ApplicationFixtures.Article("جديد", 400)], default);
        await Task.WhenAll(next).WaitAsync(Patience);

        Assert.Equal(readsWhileIdle, readsAfterWaiting);
        Assert.Equal(1, readsWhileIdle);
        Assert.All(watchers, w => Assert.Equal(WatchChangeType.Created, w.Current.ChangeType));
        Assert.InRange(counting.Reads - readsAfterWaiting, 1, 2);
        await cancel.CancelAsync();
        foreach (var watcher in watchers)
        {
            await watcher.DisposeAsync();
        }
    }

    [Fact]
    public async Task WatchAsync_ReadsTheFeedAPageAtATime_SoASlowWatcherHoldsOnePage()
    {
        await _fixtures.AddAsync(2 * DocumentWatcher.PageChanges, bytes: 400);
        var counting = new CountingChangeFeed(_fixtures.Store.Changes);
        using var cancel = new CancellationTokenSource(Patience);
        await using var frames = Watcher(counting).WatchAsync(DocumentFilter.All, DocumentParts.Full, null, WatchStart.Snapshot, LongHeartbeat, cancel.Token)
            .GetAsyncEnumerator(cancel.Token);

        Assert.True(await frames.MoveNextAsync());

        var query = Assert.Single(counting.Queries);
        Assert.Equal(DocumentWatcher.PageChanges, query.Limit);
        Assert.Equal(_fixtures.Budgets.StreamBatchBytes, query.MaxBytes);
    }

    [Fact]
    public async Task WatchAsync_WakeUpLost_TheNextHeartbeatStillBringsTheChange()
    {
        using var cancel = new CancellationTokenSource(Patience);
        await using var frames = Watcher(_fixtures.Store.Changes).WatchAsync(
            DocumentFilter.All, DocumentParts.Basic, null, WatchStart.Now, TimeSpan.FromMilliseconds(200), cancel.Token).GetAsyncEnumerator(cancel.Token);
        Assert.True(await frames.MoveNextAsync());
        Assert.True(await frames.MoveNextAsync());
        Assert.Equal(WatchEventKind.Progress, frames.Current.Kind);

        // Straight to the store: nothing wakes the watch.
        var article = ApplicationFixtures.Article("بلا تنبيه", 400);
        await _fixtures.Store.Writer.AddAsync([article], default);
        do
        {
            Assert.True(await frames.MoveNextAsync());
        }
        while (frames.Current.Kind != WatchEventKind.Change);

        Assert.Equal(DocumentName.Format(article.Id), frames.Current.Name);
    }

    private IDocumentWriter Writer() => new FollowedDocumentWriter(_fixtures.Store.Writer, [_notifications]);

    private DocumentWatcher Watcher(IChangeFeed changes, RecentChanges? recent = null) =>
        new(changes, recent ?? new RecentChanges(changes, _notifications, TimeProvider.System), _notifications, _fixtures.Tokens, _fixtures.Framer, _fixtures.Budgets, TimeProvider.System);
}
