using System.Runtime.CompilerServices;
using DocStream.Core.Documents;
using DocStream.Core.Parsing;
using DocStream.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DocStream.Search.Indexing;

/// <summary>
/// Keeps a <see cref="SearchIndex"/> following the store's change feed. The index records the number of the last
/// store change it applied; <see cref="CatchUpAsync"/> applies the changes after it. The application's writer
/// (<see cref="FollowedDocumentWriter"/>) catches up after every write, so a document is searchable once its write
/// returns and unsearchable once its delete returns; searches catch up first (<see cref="CatchUpForSearchAsync"/>),
/// so writes through other instances sharing the database are visible by the next search. Catch-ups and rebuilds
/// run one at a time, so changes are applied in the store's order.
/// </summary>
/// <param name="changes">The store's change feed.</param>
/// <param name="reader">The store's reads, for rebuilds and for documents an older parser read.</param>
/// <param name="index">The index to keep.</param>
/// <param name="logger">Where rebuilds are reported.</param>
public sealed partial class SearchIndexFollower(IChangeFeed changes, IDocumentReader reader, SearchIndex index, ILogger<SearchIndexFollower>? logger = null)
    : IChangeFeedFollower, IDisposable
{
    /// <summary>Documents read from the store per batch while rebuilding.</summary>
    public const int RebuildBatchSize = 256;

    /// <summary>Bytes of documents read from the store per batch while rebuilding, at most (one document may exceed it).</summary>
    public const long RebuildBatchBytes = 16L * 1024 * 1024;

    /// <summary>Changes read from the store's feed, and applied to the index, per batch while catching up.</summary>
    public const int CatchUpBatchSize = 256;

    // The index needs the parsed body, not the raw bytes.
    private const DocumentParts IndexedParts = DocumentParts.Body;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ILogger _logger = logger ?? NullLogger<SearchIndexFollower>.Instance;
    private int _rebuilds;

    /// <summary>
    /// Catches up with changes made while this instance was down (through others, or after a crash between a store
    /// write and its catch-up), and rebuilds the index when it is missing or stale.
    /// </summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var reason = await StaleReasonAsync(cancellationToken);
            if (reason is null)
            {
                // The counts can only be compared once the index is current.
                await CatchUpLockedAsync(cancellationToken, searchable: true);
                reason = await StaleReasonAsync(cancellationToken);
            }

            if (reason is not null)
            {
                LogRebuilding(reason);
                var count = await RebuildLockedAsync(cancellationToken);
                LogRebuilt(count);
            }

            // The first document written pays for loading the tokenizer's tables and compiling Lucene's codecs
            // (about half a second here); pay it now, before the server takes requests, not in the first write.
            SearchIndex.WarmUp();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Applies to the index every store change it has not applied yet, whichever instance made it, and makes them
    /// searchable (the index commits them on its own schedule, <see cref="SearchIndex.CommitInterval"/>); waits for a
    /// rebuild to finish first.
    /// </summary>
    public Task CatchUpAsync(CancellationToken cancellationToken) =>
        WithGateAsync(() => CatchUpLockedAsync(cancellationToken, searchable: true), cancellationToken);

    /// <summary>
    /// Applies to the index every store change it has not applied yet, as <see cref="CatchUpAsync"/> does, but leaves
    /// them unsearchable until the next catch-up: for an import that stores its next batch meanwhile and catches up
    /// after its last, so that the index refreshes once per import, not once per batch. It applies what was committed
    /// when it began and no more, so that a store running ahead of the index never holds searches and other writes
    /// behind it for longer than one round.
    /// </summary>
    public async Task ApplyAsync(CancellationToken cancellationToken)
    {
        var through = await changes.GetLastChangeAsync(cancellationToken);
        await WithGateAsync(() => CatchUpLockedAsync(cancellationToken, searchable: false, through), cancellationToken);
    }

    /// <summary>
    /// What a search does first: <see cref="CatchUpAsync"/>, except that while a rebuild runs it returns at once, so
    /// that searches keep seeing the previous index until the rebuild is done.
    /// </summary>
    public Task CatchUpForSearchAsync(CancellationToken cancellationToken) =>
        Volatile.Read(ref _rebuilds) > 0 ? Task.CompletedTask : CatchUpAsync(cancellationToken);

    /// <summary>
    /// Rebuilds the index from every document in the store, streaming them in batches. Catch-ups, and so writes,
    /// wait until it is done; searches keep seeing the previous index until then.
    /// </summary>
    /// <returns>The number of documents indexed.</returns>
    public async Task<long> RebuildAsync(CancellationToken cancellationToken)
    {
        // Counted from before the wait for the gate, so that searches stop queueing for it at once.
        Interlocked.Increment(ref _rebuilds);
        try
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                var count = await RebuildLockedAsync(cancellationToken);
                LogRebuilt(count);
                return count;
            }
            finally
            {
                _gate.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _rebuilds);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    private async Task WithGateAsync(Func<Task> locked, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await locked();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<string?> StaleReasonAsync(CancellationToken cancellationToken)
    {
        // The count first, then the last change: when the last change equals the index's, no change was committed
        // between the two reads, so the count is of exactly the state the index has applied.
        var count = await reader.CountAsync(cancellationToken);
        return index.StaleReason(count, await changes.GetLastChangeAsync(cancellationToken));
    }

    // Pages are applied unrefreshed and made searchable once at the end: a refresh writes the applied documents out
    // as a new segment, so one per page would leave many small segments to merge. Stops once change `through` is
    // applied, or at the end of the feed.
    private async Task CatchUpLockedAsync(CancellationToken cancellationToken, bool searchable, long through = long.MaxValue)
    {
        var after = index.LastChange ?? 0;
        while (true)
        {
            var page = await changes.ReadAsync(new ChangeQuery { AfterChange = after, Limit = CatchUpBatchSize, Parts = IndexedParts }, cancellationToken);
            if (page.PrunedThrough > after)
            {
                // Deletions the index has not applied may be gone from the feed: only a rebuild is sure to drop them.
                LogRebuilding($"the index is at change {after}, and deletions up to change {page.PrunedThrough} have been pruned from the store's feed");
                LogRebuilt(await RebuildLockedAsync(cancellationToken));
                return;
            }

            if (page.Changes.Count == 0)
            {
                if (searchable)
                {
                    index.MakeSearchable();
                }

                return;
            }

            var entries = new List<IndexEntry>(page.Changes.Count);
            foreach (var change in page.Changes)
            {
                entries.Add(new IndexEntry(
                    change.Id, await CurrentParseAsync(change, cancellationToken), change.Document?.StoryId, change.Document?.NearDuplicateOf is not null));
            }

            after = page.Changes[^1].Change;
            index.Apply(entries, after);
            if (after >= through)
            {
                return;
            }
        }
    }

    private async Task<long> RebuildLockedAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _rebuilds);
        try
        {
            // The counter first: the rebuild then reads every change up to it. Changes after it that the rebuild
            // happens to see are applied again by the next catch-up, which is harmless.
            var lastChange = await changes.GetLastChangeAsync(cancellationToken);
            return await index.ReplaceAllAsync(ReadAllAsync(cancellationToken), lastChange, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _rebuilds);
        }
    }

    // A change written by an instance with an older parser (during a rolling upgrade) is indexed as this build's
    // parser reads the raw bytes, which the feed does not carry. A document deleted meanwhile is removed; its
    // deletion follows in the feed.
    private async Task<ParsedArticle?> CurrentParseAsync(DocumentChange change, CancellationToken cancellationToken)
    {
        if (change.Document is not { } document)
        {
            return null;
        }

        if (document.ParserVersion >= ArticleParser.Version)
        {
            return document.ReadArticle();
        }

        var stored = await reader.FindAsync(change.Id, DocumentParts.RawContent, cancellationToken);
        return stored is null ? null : ParseRaw(stored);
    }

    private async IAsyncEnumerable<IReadOnlyList<IndexEntry>> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = new DocumentQuery { Parts = DocumentParts.Full, Limit = RebuildBatchSize, MaxBytes = RebuildBatchBytes };
        while (true)
        {
            var page = await reader.ReadAsync(query, cancellationToken);
            if (page.Documents.Count > 0)
            {
                // The startup re-parse may not have reached a document yet; index it as the current parser reads it.
                yield return page.Documents
                    .Select(document => new IndexEntry(
                        document.Id,
                        document.ParserVersion >= ArticleParser.Version ? document.ReadArticle() : ParseRaw(document),
                        document.StoryId,
                        document.NearDuplicateOf is not null))
                    .ToList();
            }

            if (!page.MoreMayFollow)
            {
                yield break;
            }

            query = query with { AfterSequence = page.Documents[^1].Sequence };
        }
    }

    private static ParsedArticle ParseRaw(StoredDocument document) => ArticleParser.Parse(System.Text.Encoding.UTF8.GetString(document.RawContent!));

    [LoggerMessage(Level = LogLevel.Information, Message = "Rebuilding the search index from the store: {Reason}")]
    private partial void LogRebuilding(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Search index rebuilt: {Count} documents")]
    private partial void LogRebuilt(long count);
}
