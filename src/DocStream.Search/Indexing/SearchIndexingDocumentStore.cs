using System.Runtime.CompilerServices;
using DocStream.Core.Documents;
using DocStream.Core.Parsing;
using DocStream.Core.Querying;
using DocStream.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DocStream.Search.Indexing;

/// <summary>
/// A store that keeps a <see cref="SearchIndex"/> in step with the store it wraps: a document is searchable once
/// <see cref="AddManyAsync"/> returns and unsearchable once <see cref="DeleteAsync"/> returns. Writes (store then
/// index) run one at a time so the index sees them in the store's order. <see cref="InitializeAsync"/> opens the
/// inner store and rebuilds the index from it when the index is missing or stale.
/// </summary>
public sealed partial class SearchIndexingDocumentStore(IDocumentStore inner, SearchIndex index, ILogger<SearchIndexingDocumentStore>? logger = null)
    : IDocumentStore, IDisposable
{
    /// <summary>Documents read from the store per batch while rebuilding.</summary>
    public const int RebuildBatchSize = 256;

    /// <summary>Raw bytes read from the store per batch while rebuilding, at most (one document may exceed it).</summary>
    public const long RebuildBatchBytes = 16L * 1024 * 1024;

    private readonly SemaphoreSlim _writes = new(1, 1);
    private readonly ILogger _logger = logger ?? NullLogger<SearchIndexingDocumentStore>.Instance;

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await inner.InitializeAsync(cancellationToken);
        await _writes.WaitAsync(cancellationToken);
        try
        {
            var reason = index.StaleReason(await inner.CountAsync(cancellationToken));
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

    /// <inheritdoc />
    public async Task<IReadOnlyList<AddResult>> AddManyAsync(IReadOnlyList<NewDocument> documents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        await _writes.WaitAsync(cancellationToken);
        try
        {
            var results = await inner.AddManyAsync(documents, cancellationToken);
            var created = documents.Where((_, i) => results[i].Created).Select(d => (d.Id, d.Parsed)).ToList();
            if (created.Count > 0)
            {
                index.Upsert(created);
            }

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
            if (outcome == DeleteOutcome.Deleted)
            {
                index.Delete(id);
            }

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
    /// Replaces a document's parsed fields (the re-parse after a parser upgrade) and its index entry. The entry is
    /// committed with the next write, or when the re-parse ends (<see cref="ReadParsedBeforeAsync"/> finds nothing
    /// left), not one by one: the index already holds every document as the current parser reads it (the startup
    /// rebuild re-parses stale documents), so a crash before that commit loses nothing.
    /// </summary>
    public async Task<bool> UpdateParsedAsync(string id, ParsedArticle parsed, int parserVersion, CancellationToken cancellationToken)
    {
        await _writes.WaitAsync(cancellationToken);
        try
        {
            var updated = await inner.UpdateParsedAsync(id, parsed, parserVersion, cancellationToken);
            if (updated)
            {
                index.Stage([(id, parsed)]);
            }

            return updated;
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredDocument>> ReadParsedBeforeAsync(int parserVersion, long afterSequence, int limit, CancellationToken cancellationToken)
    {
        var batch = await inner.ReadParsedBeforeAsync(parserVersion, afterSequence, limit, cancellationToken);
        if (batch.Count == 0)
        {
            await _writes.WaitAsync(cancellationToken);
            try
            {
                index.CommitStaged();
            }
            finally
            {
                _writes.Release();
            }
        }

        return batch;
    }

    /// <inheritdoc />
    public Task<StoredDocument?> FindAsync(string id, bool includeContent, CancellationToken cancellationToken) =>
        inner.FindAsync(id, includeContent, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredDocument>> ReadAfterAsync(
        DocumentFilter filter, long afterSequence, int limit, long maxBytes, bool includeContent, CancellationToken cancellationToken) =>
        inner.ReadAfterAsync(filter, afterSequence, limit, maxBytes, includeContent, cancellationToken);

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

    /// <inheritdoc />
    public void Dispose() => _writes.Dispose();

    private Task<long> RebuildLockedAsync(CancellationToken cancellationToken) =>
        index.ReplaceAllAsync(ReadAllAsync(cancellationToken), cancellationToken);

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
