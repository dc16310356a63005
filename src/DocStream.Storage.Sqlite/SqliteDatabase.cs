using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace DocStream.Storage.Sqlite;

/// <summary>
/// The embedded database: one SQLite file in WAL mode, so readers never wait for the writer. Reads by id run on
/// connections kept open with their statement prepared (<see cref="PreparedLookups"/>), which disposing closes.
/// </summary>
internal sealed class SqliteDatabase : RelationalDatabase
{
    private readonly string _connectionString;
    private readonly PreparedLookups _lookups;

    private SqliteDatabase(string connectionString)
        : base(SqliteFactory.Instance.CreateDataSource(connectionString))
    {
        _connectionString = connectionString;
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
    public override SqlDialect Dialect { get; } = new(
        SequenceKey: "INTEGER PRIMARY KEY AUTOINCREMENT",
        BigInteger: "INTEGER",
        Blob: "BLOB",
        // SQLite stores blobs uncompressed.
        CompressLargeColumns: "",
        NowMicros: "CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER)",
        // One process writes the file: its own writes wake its watchers.
        NotifyChanges: "",
        LongList: "(SELECT value FROM json_each({0}))",
        LongListValue: values => "[" + string.Join(',', values.Select(value => value.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]",
        TextList: "(SELECT value FROM json_each({0}))",
        TextListValue: JsonArray);

    private static string JsonArray(IReadOnlyCollection<string> values)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var value in values)
            {
                json.WriteStringValue(value);
            }

            json.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <inheritdoc />
    public override Task<T> QueryByIdAsync<T>(string sql, string id, Func<DbDataReader, Task<T>> read, CancellationToken cancellationToken) =>
        _lookups.QueryAsync(sql, id, read, cancellationToken);

    /// <inheritdoc />
    protected override ValueTask DisposeCoreAsync()
    {
        _lookups.Dispose();
        // Closed connections go back to Microsoft.Data.Sqlite's pool, which would keep the file (and its WAL) open.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
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
