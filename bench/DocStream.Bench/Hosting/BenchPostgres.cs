using System.Globalization;
using DocStream.Testing;
using Npgsql;

namespace DocStream.Bench.Hosting;

/// <summary>
/// A throwaway PostgreSQL from the test harness, set up as an operator would run one: durable commits
/// (<c>fsync=on</c>, where the tests run with it off), <c>shared_buffers</c> at a quarter of the memory (the
/// PostgreSQL manual's starting point; the default 128 MB made every read of a 10k corpus copy its pages in again
/// from the kernel's cache), and every postgres process pinned to the server core.
/// </summary>
public sealed class BenchPostgres : IAsyncDisposable
{
    private readonly PostgresServer _server;
    private readonly IReadOnlyList<int> _pids;

    private BenchPostgres(PostgresServer server, IReadOnlyList<int> pids, string connectionString)
    {
        _server = server;
        _pids = pids;
        ConnectionString = connectionString;
    }

    /// <summary>Connection string of the benchmark database.</summary>
    public string ConnectionString { get; }

    /// <summary>The <c>shared_buffers</c> setting the server runs with.</summary>
    public static string SharedBuffers { get; } =
        string.Create(CultureInfo.InvariantCulture, $"{GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4 / (1024 * 1024)}MB");

    /// <summary>Starts the server and creates an empty database.</summary>
    public static async Task<BenchPostgres> StartAsync()
    {
        var server = await PostgresServer.StartAsync("fsync=on", $"shared_buffers={SharedBuffers}");
        Console.WriteLine($"  PostgreSQL with shared_buffers={SharedBuffers}, fsync=on");
        var pids = Processes.FindByCommandLine($" -p {server.Port.ToString(CultureInfo.InvariantCulture)} ");
        foreach (var pid in pids)
        {
            Processes.PinTree(pid, Processes.ServerCore);
        }

        return new BenchPostgres(server, pids, await server.CreateDatabaseAsync("bench"));
    }

    /// <summary>CPU seconds used so far by every PostgreSQL process (postmaster, backends, background workers).</summary>
    public double CpuSeconds() => Processes.TreeCpuSeconds(_pids);

    /// <summary>The server arguments that put DocStream on this database.</summary>
    public string[] ServerArguments() => ["--Storage:Provider=Postgres", $"--Storage:ConnectionString={ConnectionString}"];

    /// <summary>
    /// Settles a freshly loaded database as autovacuum and the checkpointer eventually would, so that reads measure
    /// reading: otherwise the first reads set every row's hint bits, dirtying the pages they read, and a checkpoint
    /// may land in the middle of a run.
    /// </summary>
    public async Task SettleAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        foreach (var sql in new[] { "VACUUM (ANALYZE)", "CHECKPOINT" })
        {
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
