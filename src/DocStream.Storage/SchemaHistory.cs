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
/// <param name="NotifyChanges">
/// What a write transaction runs before it commits so that other processes on the database hear of it, with the
/// writer's <see cref="RelationalDatabase.Origin"/> as <c>@origin</c>; empty where only one process writes.
/// </param>
public sealed record SqlDialect(string SequenceKey, string BigInteger, string Blob, string CompressLargeColumns, string NowMicros, string NotifyChanges);

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
            _ => throw new ArgumentOutOfRangeException(nameof(step), step, "Not a step of the schema's history."),
        };
    }
}
