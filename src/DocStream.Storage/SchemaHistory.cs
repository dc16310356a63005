namespace DocStream.Storage;

/// <summary>
/// The column types and statements in which the two backends' SQL differs; everything else in the schema's history
/// is written once, in <see cref="SchemaHistory"/>.
/// </summary>
/// <param name="SequenceKey">An increasing 64-bit primary key the database assigns on insert.</param>
/// <param name="BigInteger">A 64-bit integer.</param>
/// <param name="Blob">Bytes.</param>
/// <param name="CompressLargeColumns">What <see cref="SchemaStep.Lz4Compression"/> runs; empty where there is nothing to do.</param>
/// <param name="NowMicros">An expression for the current time in microseconds since the Unix epoch.</param>
/// <param name="LongList">An SQL row source of the 64-bit integers in the parameter whose name (with its <c>@</c>) fills
/// <c>{0}</c>, one row each, in a column named <c>value</c>; the parameter's value comes from <paramref name="LongListValue"/>.</param>
/// <param name="LongListValue">The parameter value <paramref name="LongList"/> reads.</param>
/// <param name="TextList">As <paramref name="LongList"/>, for strings.</param>
/// <param name="TextListValue">The parameter value <paramref name="TextList"/> reads.</param>
/// <param name="NotifyChanges">
/// What a write transaction runs before it commits so that other processes on the database hear of it, with the
/// writer's <see cref="RelationalDatabase.Origin"/> as <c>@origin</c>; empty where only one process writes.
/// </param>
public sealed record SqlDialect(
    string SequenceKey,
    string BigInteger,
    string Blob,
    string CompressLargeColumns,
    string NowMicros,
    string NotifyChanges,
    string LongList,
    Func<IReadOnlyCollection<long>, object> LongListValue,
    string TextList,
    Func<IReadOnlyCollection<string>, object> TextListValue);

/// <summary>The SQL of every <see cref="SchemaStep"/>, written once for both backends in terms of their <see cref="SqlDialect"/>.</summary>
public static class SchemaHistory
{
    /// <summary>The SQL that takes a database of <paramref name="dialect"/> from version <c>step - 1</c> to <paramref name="step"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is not a step of the history.</exception>
    public static string Sql(SchemaStep step, SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        return step switch
        {
            SchemaStep.Documents => $"""
                CREATE TABLE documents (
                    seq {dialect.SequenceKey},
                    id TEXT NOT NULL UNIQUE,
                    content_sha256 TEXT NOT NULL,
                    source_uri TEXT NOT NULL,
                    raw_content {dialect.Blob} NOT NULL,
                    size_bytes {dialect.BigInteger} NOT NULL,
                    title TEXT NOT NULL,
                    published_micros {dialect.BigInteger} NULL,
                    language_code TEXT NOT NULL,
                    meta_json TEXT NOT NULL,
                    content_json TEXT NOT NULL,
                    parser_version INTEGER NOT NULL,
                    create_micros {dialect.BigInteger} NOT NULL,
                    etag TEXT NOT NULL
                );
                CREATE INDEX documents_published ON documents (published_micros, seq);
                CREATE TABLE document_sources (
                    seq {dialect.BigInteger} NOT NULL,
                    source TEXT NOT NULL,
                    PRIMARY KEY (source, seq)
                );
                CREATE INDEX document_sources_seq ON document_sources (seq);
                CREATE TABLE secrets (name TEXT PRIMARY KEY, value {dialect.Blob} NOT NULL);
                """,
            SchemaStep.ParserVersionIndex => "CREATE INDEX documents_parser_version ON documents (parser_version, seq);",
            SchemaStep.ChangeFeed => $"""
                ALTER TABLE documents ADD COLUMN change_seq {dialect.BigInteger} NOT NULL DEFAULT 0;
                UPDATE documents SET change_seq = seq;
                CREATE INDEX documents_change_seq ON documents (change_seq);
                CREATE TABLE document_tombstones (change_seq {dialect.BigInteger} PRIMARY KEY, id TEXT NOT NULL);
                CREATE TABLE change_counter (id INTEGER PRIMARY KEY, value {dialect.BigInteger} NOT NULL);
                INSERT INTO change_counter (id, value) SELECT 1, COALESCE(MAX(seq), 0) FROM documents;
                """,
            SchemaStep.ContentWireForm => $"ALTER TABLE documents ADD COLUMN content_pb {dialect.Blob} NULL;",
            SchemaStep.Lz4Compression => dialect.CompressLargeColumns,
            SchemaStep.MetadataWireForm => $"ALTER TABLE documents ADD COLUMN meta_pb {dialect.Blob} NULL;",
            // Older documents count as created by their latest change, and older deletions as made now, so their
            // retention starts with the upgrade.
            SchemaStep.WatchHistory => $"""
                ALTER TABLE documents ADD COLUMN created_change {dialect.BigInteger} NOT NULL DEFAULT 0;
                UPDATE documents SET created_change = change_seq;
                ALTER TABLE document_tombstones ADD COLUMN deleted_micros {dialect.BigInteger} NOT NULL DEFAULT 0;
                UPDATE document_tombstones SET deleted_micros = {dialect.NowMicros};
                CREATE INDEX document_tombstones_deleted ON document_tombstones (deleted_micros);
                ALTER TABLE change_counter ADD COLUMN pruned_through {dialect.BigInteger} NOT NULL DEFAULT 0;
                """,
            // Documents stored before grouping existed have no story; the server groups them after the upgrade.
            // story_terms row 0 counts the grouped documents; every other row is one term's document frequency.
            SchemaStep.Stories => $"""
                ALTER TABLE documents ADD COLUMN story_id TEXT NULL;
                ALTER TABLE documents ADD COLUMN near_duplicate_of TEXT NULL;
                CREATE INDEX documents_story ON documents (story_id, seq);
                CREATE INDEX documents_near_duplicate_of ON documents (near_duplicate_of, seq);
                CREATE TABLE stories (
                    id TEXT PRIMARY KEY,
                    title TEXT NOT NULL,
                    document_count {dialect.BigInteger} NOT NULL,
                    near_duplicate_count {dialect.BigInteger} NOT NULL,
                    first_published_micros {dialect.BigInteger} NULL,
                    last_published_micros {dialect.BigInteger} NULL,
                    update_micros {dialect.BigInteger} NOT NULL,
                    activity_change {dialect.BigInteger} NOT NULL
                );
                CREATE UNIQUE INDEX stories_activity ON stories (activity_change);
                CREATE TABLE story_signatures (
                    seq {dialect.BigInteger} PRIMARY KEY,
                    published_micros {dialect.BigInteger} NULL,
                    signature {dialect.Blob} NOT NULL
                );
                CREATE TABLE story_postings (
                    term {dialect.BigInteger} NOT NULL,
                    seq {dialect.BigInteger} NOT NULL,
                    published_micros {dialect.BigInteger} NULL,
                    PRIMARY KEY (term, seq)
                );
                CREATE INDEX story_postings_published ON story_postings (term, published_micros) WHERE published_micros IS NOT NULL;
                CREATE INDEX story_postings_undated ON story_postings (term, seq) WHERE published_micros IS NULL;
                CREATE INDEX story_postings_seq ON story_postings (seq);
                CREATE TABLE story_bands (
                    band {dialect.BigInteger} NOT NULL,
                    seq {dialect.BigInteger} NOT NULL,
                    PRIMARY KEY (band, seq)
                );
                CREATE INDEX story_bands_seq ON story_bands (seq);
                CREATE TABLE story_terms (term {dialect.BigInteger} PRIMARY KEY, documents {dialect.BigInteger} NOT NULL);
                """,
            _ => throw new ArgumentOutOfRangeException(nameof(step), step, "Not a step of the schema's history."),
        };
    }
}
