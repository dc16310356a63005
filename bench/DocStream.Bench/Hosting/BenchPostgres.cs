using System.Globalization;
using DocStream.Testing;

namespace DocStream.Bench.Hosting;

/// <summary>
/// A throwaway PostgreSQL from the test harness, with durable commits (<c>fsync=on</c>, where the tests run with
/// it off) and every postgres process pinned to the server core.
/// </summary>
public sealed class BenchPostgres : IAsyncDisposable
{
    private readonly PostgresServer _server;

    private BenchPostgres(PostgresServer server, string connectionString)
    {
        _server = server;
        ConnectionString = connectionString;
    }

    /// <summary>Connection string of the benchmark database.</summary>
    public string ConnectionString { get; }

    /// <summary>Starts the server and creates an empty database.</summary>
    public static async Task<BenchPostgres> StartAsync()
    {
        var server = await PostgresServer.StartAsync("fsync=on");
        foreach (var pid in Processes.FindByCommandLine($" -p {server.Port.ToString(CultureInfo.InvariantCulture)} "))
        {
            Processes.PinTree(pid, Processes.ServerCore);
        }

        return new BenchPostgres(server, await server.CreateDatabaseAsync("bench"));
    }

    /// <summary>The server arguments that put DocStream on this database.</summary>
    public string[] ServerArguments() => ["--Storage:Provider=Postgres", $"--Storage:ConnectionString={ConnectionString}"];

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
