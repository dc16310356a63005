using System.Data.Common;
using Npgsql;

namespace DocStream.Storage.Postgres;

/// <summary>
/// The shared database: one PostgreSQL database that several DocStream instances use at once. Replication and
/// failover are PostgreSQL's business.
/// </summary>
internal sealed class PostgresDatabase(NpgsqlDataSource dataSource) : RelationalDatabase(dataSource)
{
    /// <summary>Advisory lock key that serialises schema migrations across instances ("DocS" in ASCII).</summary>
    private const long MigrationLockKey = 0x446F6353;

    /// <inheritdoc />
    public override string MigrationSql(SchemaStep step) => step switch
    {
        SchemaStep.Documents => """
            CREATE TABLE documents (
                seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                content_sha256 TEXT NOT NULL,
                source_uri TEXT NOT NULL,
                raw_content BYTEA NOT NULL,
                size_bytes BIGINT NOT NULL,
                title TEXT NOT NULL,
                published_micros BIGINT NULL,
                language_code TEXT NOT NULL,
                meta_json TEXT NOT NULL,
                content_json TEXT NOT NULL,
                parser_version INTEGER NOT NULL,
                create_micros BIGINT NOT NULL,
                etag TEXT NOT NULL
            );
            CREATE INDEX documents_published ON documents (published_micros, seq);
            CREATE TABLE document_sources (
                seq BIGINT NOT NULL,
                source TEXT NOT NULL,
                PRIMARY KEY (source, seq)
            );
            CREATE INDEX document_sources_seq ON document_sources (seq);
            CREATE TABLE secrets (name TEXT PRIMARY KEY, value BYTEA NOT NULL);
            """,
        SchemaStep.ParserVersionIndex => "CREATE INDEX documents_parser_version ON documents (parser_version, seq);",
        SchemaStep.ChangeFeed => """
            ALTER TABLE documents ADD COLUMN change_seq BIGINT NOT NULL DEFAULT 0;
            UPDATE documents SET change_seq = seq;
            CREATE INDEX documents_change_seq ON documents (change_seq);
            CREATE TABLE document_tombstones (change_seq BIGINT PRIMARY KEY, id TEXT NOT NULL);
            CREATE TABLE change_counter (id INTEGER PRIMARY KEY, value BIGINT NOT NULL);
            INSERT INTO change_counter (id, value) SELECT 1, COALESCE(MAX(seq), 0) FROM documents;
            """,
        SchemaStep.ContentWireForm => "ALTER TABLE documents ADD COLUMN content_pb BYTEA NULL;",
        // pglz's decompression was a third of the server's CPU in reading these columns back (docs/architecture.md).
        // Existing rows keep pglz; both read the same. A server built without LZ4 keeps pglz for everything.
        SchemaStep.Lz4Compression => """
            DO $$
            BEGIN
                EXECUTE 'ALTER TABLE documents ALTER COLUMN raw_content SET COMPRESSION lz4, ALTER COLUMN content_pb SET COMPRESSION lz4';
            EXCEPTION WHEN feature_not_supported THEN
                RAISE NOTICE 'This PostgreSQL has no LZ4; documents stay compressed with pglz.';
            END
            $$;
            """,
        SchemaStep.MetadataWireForm => "ALTER TABLE documents ADD COLUMN meta_pb BYTEA NULL;",
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "No PostgreSQL migration for this step."),
    };

    /// <inheritdoc />
    protected override async Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT pg_advisory_xact_lock({MigrationLockKey})";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
