using System.Data;
using System.Data.Common;
using static DocStream.Storage.DbCommands;

namespace DocStream.Storage;

/// <summary>
/// One database behind a <see cref="RelationalDocumentStore"/>: hands out connections and owns the schema. The SQL
/// of the store's roles is the dialect SQLite and PostgreSQL share, and the schema's history is written once
/// (<see cref="SchemaHistory"/>); a backend subclass supplies only what differs: its <see cref="SqlDialect"/>, what
/// it sets up on a database before migrating, how instances keep from migrating at once, and how it runs a read by
/// id. Disposing it closes its connections.
/// </summary>
/// <param name="dataSource">Hands out connections to the database; owned and disposed by this object.</param>
public abstract class RelationalDatabase(DbDataSource dataSource) : IAsyncDisposable
{
    private int _disposed;

    /// <summary>The schema version this build migrates to: the last <see cref="SchemaStep"/>.</summary>
    public static int LatestVersion { get; } = Enum.GetValues<SchemaStep>().Cast<int>().Max();

    /// <summary>
    /// Identifies this process's writes among the notifications other processes hear: the <c>@origin</c> parameter of
    /// <see cref="SqlDialect.NotifyChanges"/>.
    /// </summary>
    public string Origin { get; } = Guid.NewGuid().ToString("N");

    /// <summary>The column types and statements in which this backend's SQL differs.</summary>
    public abstract SqlDialect Dialect { get; }

    /// <summary>Creates or migrates the schema to <see cref="LatestVersion"/>; refuses a schema newer than that.</summary>
    /// <exception cref="InvalidOperationException">The schema is newer than this build knows.</exception>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await PrepareDatabaseAsync(connection, cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockForMigrationAsync(connection, transaction, cancellationToken);
        await ExecuteAsync(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_micros BIGINT NOT NULL)", cancellationToken);
        await AlignMigrationHistoryAsync(connection, transaction, cancellationToken);
        var current = Convert.ToInt32(await ScalarAsync(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", [], cancellationToken) ?? 0, System.Globalization.CultureInfo.InvariantCulture);
        if (current > LatestVersion)
        {
            throw new InvalidOperationException(
                $"The database schema is at version {current}, newer than the {LatestVersion} this build knows; run a newer DocStream.");
        }

        for (var version = current + 1; version <= LatestVersion; version++)
        {
            if (SchemaHistory.Sql((SchemaStep)version, Dialect) is { Length: > 0 } sql)
            {
                await ExecuteAsync(connection, transaction, sql, cancellationToken);
            }

            await ScalarAsync(connection, transaction, "INSERT INTO schema_migrations (version, applied_micros) VALUES (@version, @now)",
                [("version", version), ("now", Micros.Now())], cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Opens a connection.</summary>
    public virtual async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken);

    /// <summary>
    /// Runs <paramref name="sql"/>, a SELECT of at most one row with the one parameter <c>@id</c>, and hands its
    /// reader to <paramref name="read"/>. This opens a pooled connection and prepares the statement for the call; a
    /// backend may keep such statements prepared instead.
    /// </summary>
    public virtual async Task<T> QueryByIdAsync<T>(string sql, string id, Func<DbDataReader, Task<T>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = CreateCommand(connection, null, sql, [("id", id)]);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow, cancellationToken);
        return await read(reader);
    }

    /// <summary>
    /// Inserts <paramref name="documents"/> (in order, none of whose ids is stored) and their sources in one bulk load
    /// inside <paramref name="transaction"/>, and returns each one's sequence; or returns null, without touching the
    /// database, when this backend has no bulk load or it would not pay for so few rows, and the writer inserts them
    /// row by row.
    /// </summary>
    public virtual Task<IReadOnlyList<long>?> BulkInsertAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<DocumentInsert> documents, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<long>?>(null);

    /// <summary>
    /// Calls <paramref name="changed"/> whenever another process commits a write to the database, until cancelled
    /// or the connection it listens on fails (then it throws; listen again). Where only this process writes, it just
    /// waits for the cancellation.
    /// </summary>
    public virtual Task ListenForChangesAsync(Action changed, CancellationToken cancellationToken) =>
        Task.Delay(Timeout.Infinite, cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await DisposeCoreAsync();
        await dataSource.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what a backend keeps beside the data source.</summary>
    protected virtual ValueTask DisposeCoreAsync() => ValueTask.CompletedTask;

    /// <summary>Runs once per <see cref="MigrateAsync"/> before migrations, e.g. to switch on WAL.</summary>
    protected virtual Task PrepareDatabaseAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Keeps two instances from migrating at once; a no-op where the transaction already serialises writers.</summary>
    protected virtual Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>
    /// Brings a <c>schema_migrations</c> table written under an older numbering of the steps to today's, before its
    /// version is read; a no-op where the numbering never changed.
    /// </summary>
    protected virtual Task AlignMigrationHistoryAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}
