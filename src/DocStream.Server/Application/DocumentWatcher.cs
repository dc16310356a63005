using System.Runtime.CompilerServices;
using DocStream.Core.Documents;
using DocStream.Core.Paging;
using DocStream.Core.Querying;
using DocStream.Core.Storage;

namespace DocStream.Server.Application;

/// <summary>What one message of a watch says.</summary>
public enum WatchEventKind
{
    /// <summary>A document was created, updated or deleted; its document follows in the same message when it fits.</summary>
    Change,

    /// <summary>Every document of the snapshot has been sent.</summary>
    SnapshotComplete,

    /// <summary>A heartbeat: nothing to send, the position moves on.</summary>
    Progress,

    /// <summary>The header or a chunk of the last change's document, too large for one message.</summary>
    DocumentPiece,
}

/// <summary>What happened to a document, as a watch reports it.</summary>
public enum WatchChangeType
{
    /// <summary>Stored after the position the watch had reached.</summary>
    Created,

    /// <summary>Already stored, and changed.</summary>
    Updated,

    /// <summary>Deleted.</summary>
    Deleted,
}

/// <summary>One message of a watch.</summary>
/// <param name="Kind">What it says.</param>
/// <param name="ResumeToken">Resumes after every change completed up to and including this message, and none after.</param>
/// <param name="Position">The change number <paramref name="ResumeToken"/> resumes after.</param>
/// <param name="Flush">True when the message should reach the socket now rather than wait for more.</param>
public sealed record WatchFrame(WatchEventKind Kind, string ResumeToken, long Position, bool Flush)
{
    /// <summary>For a change, what happened.</summary>
    public WatchChangeType ChangeType { get; init; }

    /// <summary>For a change, the document's resource name.</summary>
    public string Name { get; init; } = "";

    /// <summary>
    /// For a change, the whole document when it fits in the message (none for a deletion or a document sent in
    /// pieces); for a piece, the header or chunk.
    /// </summary>
    public DocumentFrame? Document { get; init; }
}

/// <summary>Where a watch without a resume token begins.</summary>
public enum WatchStart
{
    /// <summary>Every document that exists, then the changes after them.</summary>
    Snapshot,

    /// <summary>Only the changes after the watch begins.</summary>
    Now,
}

/// <summary>
/// WatchDocuments: the change feed of a filter, from a snapshot or from now, as it happens. One position serves both
/// phases: the snapshot is the feed up to the change that was latest when the watch began, without the deletions in
/// it (of documents the watcher never saw), so a resume token is a change number and a snapshot end, valid on every
/// instance. The watcher reads a page at a time (from the store, or from <see cref="RecentChanges"/> once at the head),
/// so a slow client holds one page, and waits on <see cref="ChangeNotifications"/> between pages, so an idle watch costs
/// no reads until a heartbeat.
/// </summary>
/// <param name="changes">The store's change feed.</param>
/// <param name="recent">The latest changes, shared by the watches at the head of the feed.</param>
/// <param name="notifications">Wakes the watch when something was written.</param>
/// <param name="tokens">Decodes and issues resume tokens.</param>
/// <param name="framer">Splits documents too large for a message.</param>
/// <param name="budgets">How much a page reads.</param>
/// <param name="time">The clock of heartbeats.</param>
public sealed class DocumentWatcher(
    IChangeFeed changes, RecentChanges recent, ChangeNotifications notifications, CursorTokens tokens, DocumentFramer framer, MessageBudgets budgets, TimeProvider time)
{
    /// <summary>Changes read from the store at a time.</summary>
    public const int PageChanges = 64;

    /// <summary>The heartbeat interval when the request names none.</summary>
    public static readonly TimeSpan DefaultHeartbeat = TimeSpan.FromSeconds(30);

    /// <summary>The shortest heartbeat interval a request may ask for.</summary>
    public static readonly TimeSpan MinHeartbeat = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest heartbeat interval a request may ask for.</summary>
    public static readonly TimeSpan MaxHeartbeat = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The messages of the watch of <paramref name="filter"/> holding <paramref name="parts"/>, continuing after
    /// <paramref name="resumeToken"/> or, without one, beginning as <paramref name="start"/> says. Runs until
    /// cancelled.
    /// </summary>
    /// <exception cref="InvalidCursorTokenException">The resume token is malformed or from another watch.</exception>
    /// <exception cref="ResumeTokenExpiredException">Deletions the resume token still needs have been pruned.</exception>
    public async IAsyncEnumerable<WatchFrame> WatchAsync(
        DocumentFilter filter, DocumentParts parts, string? resumeToken, WatchStart start, TimeSpan heartbeat,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var (resumed, cursor) = await tokens.OpenWatchAsync(CursorScope.ForWatch(filter, parts), resumeToken, cancellationToken);
        using var _ = cursor;
        WatchPosition position;
        if (resumed is { } at)
        {
            position = at;
        }
        else
        {
            var head = await changes.GetLastChangeAsync(cancellationToken);
            position = start == WatchStart.Now || head == 0 ? new WatchPosition(head, 0) : new WatchPosition(0, head);
            if (!position.InSnapshot)
            {
                yield return new WatchFrame(WatchEventKind.SnapshotComplete, cursor.EncodeWatch(position), position.After, Flush: true);
            }
        }

        // The token of the last message sent, or of where the watch began: what a document sent in pieces carries
        // until its last chunk.
        var token = string.IsNullOrEmpty(resumeToken) ? cursor.EncodeWatch(position) : resumeToken;
        var tokenPosition = position.After;
        var lastSent = time.GetTimestamp();
        long? heartbeatWaitStart = null;
        var query = new ChangeQuery { Filter = filter, Parts = parts, Limit = PageChanges, MaxBytes = budgets.StreamBatchBytes };
        while (true)
        {
            // Taken before the read: a write committed after the read still wakes the wait below. A watch past its
            // snapshot reads the shared window when it is there, the store otherwise (the snapshot, or far behind).
            var wake = notifications.NextChange;
            var generation = notifications.Generation;
            var pageQuery = query with { AfterChange = position.After };
            var page = (position.InSnapshot ? null : await recent.TryReadAsync(pageQuery, generation, heartbeatWaitStart, cancellationToken))
                ?? await changes.ReadAsync(pageQuery, cancellationToken);
            heartbeatWaitStart = null;
            // Only deletions after the snapshot's end (or after the position, once past it) are sent, so only those
            // must still be in the feed.
            var needsDeletionsAfter = Math.Max(position.After, position.SnapshotEnd);
            if (page.PrunedThrough > needsDeletionsAfter)
            {
                throw new ResumeTokenExpiredException(needsDeletionsAfter, page.PrunedThrough);
            }

            var pageStart = position.After;
            var sentInPage = 0;
            var lastToSend = LastToSend(page.Changes, position);
            long unflushedBytes = 0;
            for (var i = 0; i < page.Changes.Count; i++)
            {
                var change = page.Changes[i];
                if (position.InSnapshot && change.Change > position.SnapshotEnd)
                {
                    position = new WatchPosition(position.SnapshotEnd, 0);
                    (token, tokenPosition) = (cursor.EncodeWatch(position), position.After);
                    yield return new WatchFrame(WatchEventKind.SnapshotComplete, token, position.After, Flush: false);
                    sentInPage++;
                }

                var inSnapshot = position.InSnapshot;
                if (change.Document is null && inSnapshot)
                {
                    // Deleted before the watch began: the watcher never saw it.
                    position = position with { After = change.Change };
                    continue;
                }

                var (previousToken, previousPosition) = (token, tokenPosition);
                position = position with { After = change.Change };
                (token, tokenPosition) = (cursor.EncodeWatch(position), position.After);
                var type = change.Document is null ? WatchChangeType.Deleted
                    : inSnapshot || change.CreatedChange > pageStart ? WatchChangeType.Created
                    : WatchChangeType.Updated;
                var name = DocumentName.Format(change.Id);
                if (change.Document is not { } document)
                {
                    yield return new WatchFrame(WatchEventKind.Change, token, position.After, Flush: i == lastToSend) { ChangeType = type, Name = name };
                    sentInPage++;
                    continue;
                }

                foreach (var frame in framer.Frame(document))
                {
                    sentInPage++;
                    switch (frame.Kind)
                    {
                        case DocumentFrameKind.Whole:
                            unflushedBytes += document.SerializedSize;
                            var flush = unflushedBytes >= MessageBudgets.StreamFlushBytes || i == lastToSend;
                            unflushedBytes = flush ? 0 : unflushedBytes;
                            yield return new WatchFrame(WatchEventKind.Change, token, position.After, flush)
                            {
                                ChangeType = type, Name = name, Document = frame,
                            };
                            break;
                        case DocumentFrameKind.Header:
                            // The change, then the header, then the chunks: until the last chunk the tokens resume
                            // before this change, so a broken transfer restarts it rather than skipping it.
                            yield return new WatchFrame(WatchEventKind.Change, previousToken, previousPosition, Flush: false) { ChangeType = type, Name = name };
                            yield return new WatchFrame(WatchEventKind.DocumentPiece, previousToken, previousPosition, Flush: false) { Name = name, Document = frame };
                            break;
                        default:
                            unflushedBytes = 0;
                            yield return frame.IsLastChunk
                                ? new WatchFrame(WatchEventKind.DocumentPiece, token, position.After, Flush: true) { Name = name, Document = frame }
                                : new WatchFrame(WatchEventKind.DocumentPiece, previousToken, previousPosition, Flush: true) { Name = name, Document = frame };
                            break;
                    }
                }
            }

            if (position.InSnapshot && page.ReadThrough >= position.SnapshotEnd)
            {
                position = new WatchPosition(position.SnapshotEnd, 0);
                (token, tokenPosition) = (cursor.EncodeWatch(position), position.After);
                yield return new WatchFrame(WatchEventKind.SnapshotComplete, token, position.After, Flush: true);
                sentInPage++;
            }

            if (sentInPage > 0)
            {
                lastSent = time.GetTimestamp();
            }

            if (page.MoreMayFollow)
            {
                continue;
            }

            // The page covered the feed up to ReadThrough; a filter that matched nothing there still moves the
            // position, which the next progress message carries.
            if (!position.InSnapshot)
            {
                position = position with { After = Math.Max(position.After, page.ReadThrough) };
            }

            var silent = time.GetElapsedTime(lastSent);
            if (silent >= heartbeat)
            {
                (token, tokenPosition) = (cursor.EncodeWatch(position), position.After);
                yield return new WatchFrame(WatchEventKind.Progress, token, position.After, Flush: true);
                lastSent = time.GetTimestamp();
                silent = TimeSpan.Zero;
            }

            var waitStart = time.GetTimestamp();
            try
            {
                // WaitAsync drops its timer when woken: a watch woken by every write leaves no timers behind.
                await wake.WaitAsync(heartbeat - silent, time, cancellationToken);
            }
            catch (TimeoutException)
            {
                // A heartbeat is due: the next turn reads the feed as of now (not a window read before the wait, in
                // case a wake-up was lost), then sends progress if it found nothing to send.
                heartbeatWaitStart = waitStart;
            }
        }
    }

    // The index of the page's last change that is sent (not a deletion the snapshot leaves out): its message is
    // flushed, so a page's messages go out together and none waits for the next write.
    private static int LastToSend(IReadOnlyList<DocumentChange> page, WatchPosition position)
    {
        for (var i = page.Count - 1; i >= 0; i--)
        {
            if (!(position.InSnapshot && page[i].Document is null && page[i].Change <= position.SnapshotEnd))
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>A watch's resume token needs deletions that have been pruned from the store's feed.</summary>
/// <param name="position">The change after which the token needs every deletion.</param>
/// <param name="prunedThrough">Deletions up to this change have been pruned: the oldest position a token can resume from.</param>
public sealed class ResumeTokenExpiredException(long position, long prunedThrough)
    : Exception($"the resume token needs the changes after change {position}, but deletions up to change {prunedThrough} have been pruned from the history; start a new watch without a resume token (it begins with a fresh snapshot)")
{
    /// <summary>The change after which the token needs every deletion.</summary>
    public long Position { get; } = position;

    /// <summary>The oldest position a token can still resume from.</summary>
    public long OldestResumablePosition { get; } = prunedThrough;
}
