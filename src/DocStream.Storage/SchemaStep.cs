namespace DocStream.Storage;

/// <summary>
/// The schema's history, one step per version: every backend takes its database through the same steps under the
/// same numbers, with the SQL <see cref="SchemaHistory"/> writes for its <see cref="SqlDialect"/>. A released step
/// never changes its meaning; a new one is appended.
/// </summary>
public enum SchemaStep
{
    /// <summary>Documents (with the filter columns), their sources, and the key table.</summary>
    Documents = 1,

    /// <summary>An index on <c>parser_version</c>, for the re-parse after a parser upgrade.</summary>
    ParserVersionIndex = 2,

    /// <summary>The change feed: <c>change_seq</c> on every document, tombstones for deletes, the change counter.</summary>
    ChangeFeed = 3,

    /// <summary><c>content_pb</c>: the body and teasers in the contract's wire form; older rows keep <c>content_json</c>.</summary>
    ContentWireForm = 4,

    /// <summary>LZ4 instead of pglz for the two large columns, on PostgreSQL; SQLite stores them uncompressed, so has nothing to do.</summary>
    Lz4Compression = 5,

    /// <summary><c>meta_pb</c>: the other parsed fields in the contract's wire form; older rows keep <c>meta_json</c>.</summary>
    MetadataWireForm = 6,

    /// <summary>
    /// What a watch needs of the history: the change that created each document, when each deletion was made (for
    /// its retention), and how far deletions have been pruned.
    /// </summary>
    WatchHistory = 7,

    /// <summary>
    /// Stories and near copies: each document's story and original, the stories' aggregates, and what grouping finds
    /// candidates through (signatures, term postings, MinHash bands, document frequencies).
    /// </summary>
    Stories = 8,
}
