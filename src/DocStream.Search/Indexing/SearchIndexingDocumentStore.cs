using System.Runtime.CompilerServices;
using DocStream.Core.Documents;
using DocStream.Core.Parsing;
using DocStream.Core.Querying;
using DocStream.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DocStream.Search.Indexing;

/// <summary>
/// A store that keeps a <see cref="SearchIndex"/> following the change feed of the store it wraps. The index records
/// the number of the last store change it applied; <see cref="CatchUpAsync"/> applies the changes after it. Every
/// write through this store catches up before it returns, so a document is searchable once
/// <see cref="AddManyAsync"/> returns and unsearchable once <see cref="DeleteAsync"/> returns; the search RPC
/// catches up before each search, so writes made through other instances sharing the database are visible by the
/// next search. Catch-ups, writes and rebuilds run one at a time, so changes are applied in the store's order.
/// <see cref="InitializeAsync"/> opens the inner store, catches up, and rebuilds the index when it is missing or
/// stale. It owns the store it wraps.
/// </summary>
public sealed partial class SearchIndexingDocumentStore(IDocumentStore inner, SearchIndex index, ILogger<SearchIndexingDocumentStore>? logger = null)
    : IDocumentStore, IDisposable
{
    /// <summary>Documents read from the store per batch while rebuilding.</summary>
    public const int RebuildBatchSize = 256;

    /// <summary>Raw bytes read from the store per batch while rebuilding, at most (one document may exceed it).</summary>
    public const long RebuildBatchBytes = 16L * 1024 * 1024;

    /// <summary>Changes read from the store's feed, and committed to the index, per batch while catching up.</summary>
    public const int CatchUpBatchSize = 256;

    private readonly SemaphoreSlim _writes = new(1, 1);
    private readonly ILogger _logger = logger ?? NullLogger<SearchIndexingDocumentStore>.Instance;
    private volatile bool _rebuilding;

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await inner.InitializeAsync(cancellationToken);
        await _writes.WaitAsync(cancellationToken);
        try
        {
            var reason = await StaleReasonAsync(cancellationToken);
            if (reason is null)
            {
                // Changes made while this instance was down (through others, or a crash between a store write and
                // its catch-up) are applied here; the counts can only be compared once the index is current.
                await CatchUpLockedAsync(cancellationToken);
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
            _writes.Release();
        }
    }

    /// <summary>
    /// Applies to the index every store change it has not applied yet, whichever instance made it, and commits.
    /// While a rebuild runs it returns at once: searches keep seeing the previous index until the rebuild is done.
    /// </summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        if (_rebuilding)
        {
            return;
        }

        await _writes.WaitAsync(cancellationToken);
        try
        {
            await CatchUpLockedAsync(cancellationToken);
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AddResult>> AddManyAsync(IReadOnlyList<NewDocument> documents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        await _writes.WaitAsync(cancellationToken);
        try
        {
            var results = await inner.AddManyAsync(documents, cancellationToken);
            await CatchUpLockedAsync(cancellationToken);
            return results;
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <inheritdoc />
    public async Task<DeleteOutcome> DeleteAsync(string id, string? expectedEtag, CancellationToken cancellationToken)
    {
        await _writes.WaitAsync(cancellationToken);
        try
        {
            var outcome = await inner.DeleteAsync(id, expectedEtag, cancellationToken);
            await CatchUpLockedAsync(cancellationToken);
            return outcome;
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>
    /// Rebuilds the index from every document in the store, streaming them in batches. Writes wait until it is
    /// done; searches keep seeing the previous index until then.
    /// </summary>
    /// <returns>The number of documents indexed.</returns>
    public async Task<long> RebuildIndexAsync(CancellationToken cancellationToken)
    {
        await _writes.WaitAsync(cancellationToken);
        try
        {
            var count = await RebuildLockedAsync(cancellationToken);
            LogRebuilt(count);
            return count;
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>
    /// Replaces a document's parsed fields (the re-parse after a parser upgrade). The index is not touched here: it
    /// already holds every document as the current parser reads it (an index written with another parser version is
    /// rebuilt at startup, re-parsing stale documents), and the update, like any store change, is applied by the
    /// next catch-up.
    /// </summary>
    public Task<bool> UpdateParsedAsync(string id, ParsedArticle parsed, int parserVersion, CancellationToken cancellationToken) =>
        inner.UpdateParsedAsync(id, parsed, parserVersion, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredDocument>> ReadParsedBeforeAsync(int parserVersion, long afterSequence, int limit, CancellationToken cancellationToken) =>
        inner.ReadParsedBeforeAsync(parserVersion, afterSequence, limit, cancellationToken);

    /// <inheritdoc />
    public Task<StoredDocument?> FindAsync(string id, bool includeContent, CancellationToken cancellationToken) =>
        inner.FindAsync(id, includeContent, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredDocument>> ReadAfterAsync(
        DocumentFilter filter, long afterSequence, int limit, long maxBytes, bool includeContent, CancellationToken cancellationToken) =>
        inner.ReadAfterAsync(filter, afterSequence, limit, maxBytes, includeContent, cancellationToken);

    /// <inheritdoc />
    public Task<StoredDocument?> FindEncodedAsync(string id, CancellationToken cancellationToken) =>
        inner.FindEncodedAsync(id, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredDocument>> ReadEncodedAfterAsync(
        DocumentFilter filter, long afterSequence, int limit, long maxBytes, CancellationToken cancellationToken) =>
        inner.ReadEncodedAfterAsync(filter, afterSequence, limit, maxBytes, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<DocumentChange>> ReadChangesAsync(long afterChange, int limit, CancellationToken cancellationToken) =>
        inner.ReadChangesAsync(afterChange, limit, cancellationToken);

    /// <inheritdoc />
    public Task<long> GetLastChangeAsync(CancellationToken cancellationToken) => inner.GetLastChangeAsync(cancellationToken);

    /// <inheritdoc />
    public Task<long> CountAsync(CancellationToken cancellationToken) => inner.CountAsync(cancellationToken);

    /// <inheritdoc />
    public Task<byte[]> GetOrCreateSecretAsync(string name, CancellationToken cancellationToken) =>
        inner.GetOrCreateSecretAsync(name, cancellationToken);

    /// <summary>Disposes this store and the store it wraps.</summary>
    public void Dispose()
    {
        _writes.Dispose();
        (inner as IDisposable)?.Dispose();
    }

    private async Task<string?> StaleReasonAsync(CancellationToken cancellationToken)
    {
        // The count first, then the last change: when the last change equals the index's, no change was committed
        // between the two reads, so the count is of exactly the state the index has applied.
        var count = await inner.CountAsync(cancellationToken);
        return index.StaleReason(count, await inner.GetLastChangeAsync(cancellationToken));
    }

    private async Task CatchUpLockedAsync(CancellationToken cancellationToken)
    {
        var after = index.LastChange ?? 0;
        while (await inner.ReadChangesAsync(after, CatchUpBatchSize, cancellationToken) is { Count: > 0 } changes)
        {
            var entries = new List<(string Id, ParsedArticle? Parsed)>(changes.Count);
            foreach (var change in changes)
            {
                entries.Add((change.Id, await CurrentParseAsync(change, cancellationToken)));
            }

            after = changes[^1].Change;
            index.Apply(entries, after);
        }
    }

    private async Task<long> RebuildLockedAsync(CancellationToken cancellationToken)
    {
        _rebuilding = true;
        try
        {
            // The counter first: the rebuild then reads every change up to it. Changes after it that the rebuild
            // happens to see are applied again by the next catch-up, which is harmless.
            var lastChange = await inner.GetLastChangeAsync(cancellationToken);
            return await index.ReplaceAllAsync(ReadAllAsync(cancellationToken), lastChange, cancellationToken);
        }
        finally
        {
            _rebuilding = false;
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
            return document.Parsed;
        }

        var stored = await inner.FindAsync(change.Id, includeContent: true, cancellationToken);
        return stored is null ? null : CurrentParse(stored);
    }

    private async IAsyncEnumerable<IReadOnlyList<(string Id, ParsedArticle Parsed)>> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long after = 0;
        while (true)
        {
            var batch = await inner.ReadAfterAsync(DocumentFilter.All, after, RebuildBatchSize, RebuildBatchBytes, includeContent: true, cancellationToken);
            if (batch.Count == 0)
            {
                yield break;
            }

            yield return batch.Select(d => (d.Id, CurrentParse(d))).ToList();
            after = batch[^1].Sequence;
        }
    }

    // The startup re-parse may not have reached this document yet; index it as the current parser reads it.
    private static ParsedArticle CurrentParse(StoredDocument document) =>
        document.ParserVersion >= ArticleParser.Version || document.RawContent is null
            ? document.Parsed
            : ArticleParser.Parse(System.Text.Encoding.UTF8.GetString(document.RawContent));

    [LoggerMessage(Level = LogLevel.Information, Message = "Rebuilding the search index from the store: {Reason}")]
    private partial void LogRebuilding(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Search index rebuilt: {Count} documents")]
    private partial void LogRebuilt(long count);
}
