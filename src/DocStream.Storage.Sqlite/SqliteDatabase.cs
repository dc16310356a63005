using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace DocStream.Storage.Sqlite;

/// <summary>
/// The embedded database: one SQLite file in WAL mode, so readers never wait for the writer. Reads by id run on
/// connections kept open with their statement prepared (<see cref="PreparedLookups"/>), which disposing closes.
/// </summary>
internal sealed class SqliteDatabase : RelationalDatabase
{
    private readonly PreparedLookups _lookups;

    private SqliteDatabase(string connectionString)
        : base(SqliteFactory.Instance.CreateDataSource(connectionString))
    {
        _lookups = new PreparedLookups(connectionString);
    }

    /// <summary>Opens (or creates) the database in the SQLite file at <paramref name="path"/>.</summary>
    public static SqliteDatabase Open(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();
        return new SqliteDatabase(connectionString);
    }

    /// <inheritdoc />
    public override string MigrationSql(SchemaStep step) => step switch
    {
        SchemaStep.Documents => """
            CREATE TABLE documents (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                content_sha256 TEXT NOT NULL,
                source_uri TEXT NOT NULL,
                raw_content BLOB NOT NULL,
                size_bytes INTEGER NOT NULL,
                title TEXT NOT NULL,
                published_micros INTEGER NULL,
                language_code TEXT NOT NULL,
                meta_json TEXT NOT NULL,
                content_json TEXT NOT NULL,
                parser_version INTEGER NOT NULL,
                create_micros INTEGER NOT NULL,
                etag TEXT NOT NULL
            );
            CREATE INDEX documents_published ON documents (published_micros, seq);
            CREATE TABLE document_sources (
                seq INTEGER NOT NULL,
                source TEXT NOT NULL,
                PRIMARY KEY (source, seq)
            );
            CREATE INDEX document_sources_seq ON document_sources (seq);
            CREATE TABLE secrets (name TEXT PRIMARY KEY, value BLOB NOT NULL);
            """,
        SchemaStep.ParserVersionIndex => "CREATE INDEX documents_parser_version ON documents (parser_version, seq);",
        SchemaStep.ChangeFeed => """
            ALTER TABLE documents ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0;
            UPDATE documents SET change_seq = seq;
            CREATE INDEX documents_change_seq ON documents (change_seq);
            CREATE TABLE document_tombstones (change_seq INTEGER PRIMARY KEY, id TEXT NOT NULL);
            CREATE TABLE change_counter (id INTEGER PRIMARY KEY, value INTEGER NOT NULL);
            INSERT INTO change_counter (id, value) SELECT 1, COALESCE(MAX(seq), 0) FROM documents;
            """,
        SchemaStep.ContentWireForm => "ALTER TABLE documents ADD COLUMN content_pb BLOB NULL;",
        SchemaStep.Lz4Compression => "",
        SchemaStep.MetadataWireForm => "ALTER TABLE documents ADD COLUMN meta_pb BLOB NULL;",
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "No SQLite migration for this step."),
    };

    /// <inheritdoc />
    public override Task<T> QueryByIdAsync<T>(string sql, string id, Func<DbDataReader, Task<T>> read, CancellationToken cancellationToken) =>
        _lookups.QueryAsync(sql, id, read, cancellationToken);

    /// <inheritdoc />
    protected override ValueTask DisposeCoreAsync()
    {
        _lookups.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    protected override async Task PrepareDatabaseAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        // 16 KiB pages, where SQLite's default is 4 KiB: most documents then fit in one or two pages instead of a
        // chain of overflow pages read one pread each, and a whole-corpus read runs about 30 % faster for 6 % more
        // file (bench/RESULTS.md). SQLite applies it only to a new file; an existing one keeps its page size.
        command.CommandText = "PRAGMA page_size = 16384; PRAGMA journal_mode = WAL;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Builds before the two backends' histories were aligned gave SQLite no LZ4 step, so recorded its
    /// <see cref="SchemaStep.MetadataWireForm"/> as version 5. A database that has <c>meta_pb</c> but records no
    /// version 6 is one of those: it is recorded as having taken steps 5 and 6.
    /// </summary>
    protected override async Task AlignMigrationHistoryAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            UPDATE schema_migrations SET version = 6
            WHERE version = 5
              AND NOT EXISTS (SELECT 1 FROM schema_migrations WHERE version = 6)
              AND EXISTS (SELECT 1 FROM pragma_table_info('documents') WHERE name = 'meta_pb');
            INSERT INTO schema_migrations (version, applied_micros)
            SELECT 5, applied_micros FROM schema_migrations
            WHERE version = 6 AND NOT EXISTS (SELECT 1 FROM schema_migrations WHERE version = 5);
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
