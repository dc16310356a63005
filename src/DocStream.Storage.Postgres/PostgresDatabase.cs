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
    public override SqlDialect Dialect { get; } = new(
        SequenceKey: "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
        BigInteger: "BIGINT",
        Blob: "BYTEA",
        // pglz's decompression was a third of the server's CPU in reading these columns back (docs/architecture.md).
        // Existing rows keep pglz; both read the same. A server built without LZ4 keeps pglz for everything.
        CompressLargeColumns: """
            DO $$
            BEGIN
                EXECUTE 'ALTER TABLE documents ALTER COLUMN raw_content SET COMPRESSION lz4, ALTER COLUMN content_pb SET COMPRESSION lz4';
            EXCEPTION WHEN feature_not_supported THEN
                RAISE NOTICE 'This PostgreSQL has no LZ4; documents stay compressed with pglz.';
            END
            $$;
            """,
        NowMicros: "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000000 AS BIGINT)",
        NotifyChanges: $"SELECT pg_notify('{ChangesChannel}', @origin)",
        LongList: "(SELECT unnest(CAST({0} AS bigint[])) AS value)",
        LongListValue: values => values.ToArray(),
        TextList: "(SELECT unnest(CAST({0} AS text[])) AS value)",
        TextListValue: values => values.ToArray());

    /// <summary>The channel every write notifies when it commits (NOTIFY is delivered at commit, and not on rollback).</summary>
    private const string ChangesChannel = "docstream_changes";

    private static readonly TimeSpan ListenPingInterval = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    public override async Task ListenForChangesAsync(Action changed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changed);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // This process's own writes wake its watches directly; hearing them again would wake every watch twice.
        connection.Notification += (_, notification) =>
        {
            if (notification.Payload != Origin)
            {
                changed();
            }
        };
        await using (var listen = new NpgsqlCommand($"LISTEN {ChangesChannel}", connection))
        {
            await listen.ExecuteNonQueryAsync(cancellationToken);
        }

        // Whatever was committed before LISTEN took effect has not been heard of.
        changed();
        while (true)
        {
            // A connection that died without a word (a NAT timeout, a failover) delivers nothing and raises nothing:
            // a query every half minute finds out, and the caller listens again.
            if (!await connection.WaitAsync(ListenPingInterval, cancellationToken))
            {
                await using var ping = new NpgsqlCommand("SELECT 1", connection);
                await ping.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    /// <inheritdoc />
    public override async Task<IReadOnlyList<long>?> BulkInsertAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<DocumentInsert> documents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        // The copy runs on the connection, inside the transaction open on it.
        return documents.Count < PostgresBulkInsert.MinimumRows
            ? null
            : await PostgresBulkInsert.InsertAsync((NpgsqlConnection)connection, documents, cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT pg_advisory_xact_lock({MigrationLockKey})";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
