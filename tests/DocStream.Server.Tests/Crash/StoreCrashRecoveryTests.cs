using System.Data.Common;
using DocStream.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace DocStream.Server.Tests.Crash;

/// <summary>The crash suite on the embedded default: a SQLite file, checked with <c>PRAGMA integrity_check</c>.</summary>
public sealed class SqliteCrashRecoveryTests : CrashRecoveryTests
{
    /// <inheritdoc />
    protected override Task<string[]> FreshStoreArgumentsAsync() => Task.FromResult<string[]>([]);

    /// <inheritdoc />
    protected override async Task<DbConnection> OpenStoreAsync(DocStreamServerProcess server, string[] storeArguments)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(server.DataDirectory, "docstream.db")};Pooling=false");
        await connection.OpenAsync();
        return connection;
    }

    /// <inheritdoc />
    protected override async Task AssertStoreIntegrityAsync(DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", await command.ExecuteScalarAsync());
    }
}

/// <summary>
/// The crash suite on a real PostgreSQL server, a database per test, checked with <c>amcheck</c> over every B-tree
/// index of the documents' tables (heap and index agree, and each index is ordered).
/// </summary>
public sealed class PostgresCrashRecoveryTests : CrashRecoveryTests
{
    private const string ConnectionStringArgument = "--Storage:ConnectionString=";
    private PostgresServer _postgres = null!;
    private int _databases;

    /// <inheritdoc />
    public override async Task InitializeAsync() => _postgres = await PostgresServer.StartAsync();

    /// <inheritdoc />
    public override async Task DisposeAsync() => await _postgres.DisposeAsync();

    /// <inheritdoc />
    protected override async Task<string[]> FreshStoreArgumentsAsync()
    {
        var connectionString = await _postgres.CreateDatabaseAsync($"crash{Interlocked.Increment(ref _databases)}");
        return ["--Storage:Provider=Postgres", ConnectionStringArgument + connectionString];
    }

    /// <inheritdoc />
    protected override async Task<DbConnection> OpenStoreAsync(DocStreamServerProcess server, string[] storeArguments)
    {
        var connectionString = storeArguments.Single(argument => argument.StartsWith(ConnectionStringArgument, StringComparison.Ordinal))[ConnectionStringArgument.Length..];
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <inheritdoc />
    protected override async Task AssertStoreIntegrityAsync(DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        // bt_index_check raises an error on the first inconsistency; heapallindexed also checks every row is indexed.
        command.CommandText = """
            CREATE EXTENSION IF NOT EXISTS amcheck;
            SELECT COUNT(bt_index_check(index => c.oid, heapallindexed => true))
            FROM pg_index i
            JOIN pg_class c ON c.oid = i.indexrelid
            JOIN pg_am am ON am.oid = c.relam
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE am.amname = 'btree' AND n.nspname = current_schema();
            """;
        Assert.True(Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) > 0, "no index was checked");
    }
}
