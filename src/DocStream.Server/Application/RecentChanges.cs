using DocStream.Core.Documents;
using DocStream.Core.Parsing;
using DocStream.Core.Storage;

namespace DocStream.Server.Application;

/// <summary>
/// The latest changes of the feed, held in memory for the watches at its head: after a write, one read of the store
/// serves every watch of this instance instead of one read per watch (etcd's synced watchers, the Kubernetes watch
/// cache). It holds the changes after <c>From</c> (at most <see cref="Capacity"/> of them and
/// <see cref="CapacityBytes"/> of documents, in FULL view); a watch further behind reads the store. Refreshed on
/// demand, one refresh at a time: a watch woken by a write asks for the window as of that write's notification.
/// Thread-safe.
/// </summary>
/// <param name="changes">The store's change feed.</param>
/// <param name="notifications">Counts the writes the window must have seen.</param>
/// <param name="time">Tells when the window was read.</param>
public sealed class RecentChanges(IChangeFeed changes, ChangeNotifications notifications, TimeProvider time) : IDisposable
{
    /// <summary>Most changes held.</summary>
    public const int Capacity = 4096;

    /// <summary>Most bytes of serialized documents held.</summary>
    public const long CapacityBytes = 64L * 1024 * 1024;

    private const int RefreshPageChanges = 256;

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile Window? _window;

    /// <summary>
    /// Reads <paramref name="query"/>'s page from memory as the store would answer it, once the window has seen every
    /// write notified up to <paramref name="generation"/> (<see cref="ChangeNotifications.Generation"/>) and, when
    /// <paramref name="readAfter"/> is given (a <see cref="TimeProvider.GetTimestamp"/>), read the store after it: a
    /// heartbeat's read then reaches the store even if a notification was lost. Null when the query starts before the
    /// window, and must go to the store.
    /// </summary>
    public async Task<ChangePage?> TryReadAsync(ChangeQuery query, long generation, long? readAfter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var window = await CurrentAsync(generation, readAfter ?? long.MinValue, cancellationToken);
        if (query.AfterChange < window.From)
        {
            return null;
        }

        var entries = window.Entries;
        var selected = new List<DocumentChange>();
        long bytes = 0;
        var full = false;
        for (var i = FirstAfter(entries, query.AfterChange); i < entries.Count && !full; i++)
        {
            var (change, article) = entries[i];
            if (change.Document is { } document)
            {
                if (!query.Filter.Matches(document, article!))
                {
                    continue;
                }

                var narrowed = document.WithParts(query.Parts);
                selected.Add(change with { Document = narrowed });
                bytes += narrowed.SerializedSize;
            }
            else
            {
                selected.Add(change);
            }

            full = selected.Count == query.Limit || bytes >= query.MaxBytes;
        }

        var readThrough = full ? selected[^1].Change : window.ReadThrough;
        return new ChangePage(selected, Math.Max(readThrough, query.AfterChange), window.PrunedThrough) { MoreMayFollow = full };
    }

    /// <inheritdoc />
    public void Dispose() => _refresh.Dispose();

    private static int FirstAfter(IReadOnlyList<(DocumentChange Change, ParsedArticle? Article)> entries, long afterChange)
    {
        var (low, high) = (0, entries.Count);
        while (low < high)
        {
            var middle = (low + high) / 2;
            (low, high) = entries[middle].Change.Change <= afterChange ? (middle + 1, high) : (low, middle);
        }

        return low;
    }

    private async Task<Window> CurrentAsync(long generation, long readAfter, CancellationToken cancellationToken)
    {
        if (_window is { } current && current.Generation >= generation && current.ReadAt > readAfter)
        {
            return current;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (_window is { } refreshed && refreshed.Generation >= generation && refreshed.ReadAt > readAfter)
            {
                return refreshed;
            }

            // Read before the store: every write notified by now has committed, so the reads below see it.
            var seen = notifications.Generation;
            var readAt = time.GetTimestamp();
            var window = _window;
            if (window is null || await changes.GetLastChangeAsync(cancellationToken) - window.ReadThrough > Capacity)
            {
                // Nothing asked for a while and the feed went far ahead: the watches behind read the store anyway,
                // so start again at the head instead of reading a backlog only to drop it.
                window = await EmptyAtHeadAsync(cancellationToken);
            }

            var entries = new List<(DocumentChange Change, ParsedArticle? Article)>(window.Entries);
            var (from, bytes, readThrough, prunedThrough) = (window.From, window.Bytes, window.ReadThrough, window.PrunedThrough);
            ChangePage page;
            do
            {
                page = await changes.ReadAsync(
                    new ChangeQuery { AfterChange = readThrough, Limit = RefreshPageChanges, Parts = DocumentParts.Full, MaxBytes = CapacityBytes }, cancellationToken);
                // As in the store, a document is held once, at its latest change: a newer change of it (or its
                // deletion) replaces the one held. Deletions are all kept, as the store keeps its tombstones.
                var newer = page.Changes.Select(change => change.Id).ToHashSet(StringComparer.Ordinal);
                Predicate<(DocumentChange Change, ParsedArticle? Article)> superseded = entry => entry.Change.Document is not null && newer.Contains(entry.Change.Id);
                bytes -= entries.Where(entry => superseded(entry)).Sum(entry => (long)entry.Change.Document!.SerializedSize);
                entries.RemoveAll(superseded);
                foreach (var change in page.Changes)
                {
                    entries.Add((change, change.Document?.ReadArticle()));
                    bytes += change.Document?.SerializedSize ?? 0;
                }

                var drop = 0;
                while (drop < entries.Count && (entries.Count - drop > Capacity || bytes > CapacityBytes))
                {
                    bytes -= entries[drop].Change.Document?.SerializedSize ?? 0;
                    from = entries[drop].Change.Change;
                    drop++;
                }

                entries.RemoveRange(0, drop);
                (readThrough, prunedThrough) = (page.ReadThrough, page.PrunedThrough);
            }
            while (page.MoreMayFollow);

            var next = new Window(from, readThrough, prunedThrough, entries, bytes, seen, readAt);
            _window = next;
            return next;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private async Task<Window> EmptyAtHeadAsync(CancellationToken cancellationToken)
    {
        var head = await changes.GetLastChangeAsync(cancellationToken);
        return new Window(head, head, 0, [], 0, -1, long.MinValue);
    }

    /// <summary>
    /// Every change numbered in (<paramref name="From"/>, <paramref name="ReadThrough"/>] that the store still holds
    /// there, as of notification <paramref name="Generation"/>, read from the store after timestamp <paramref name="ReadAt"/>.
    /// </summary>
    private sealed record Window(
        long From, long ReadThrough, long PrunedThrough, IReadOnlyList<(DocumentChange Change, ParsedArticle? Article)> Entries, long Bytes, long Generation,
        long ReadAt);
}
