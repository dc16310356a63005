using System.Diagnostics;

namespace DocStream.Testing;

/// <summary>
/// A throwaway PostgreSQL server for tests: <c>initdb</c> into a temporary directory, <c>postgres</c> on a free
/// loopback port, everything deleted on dispose. Runs as the <c>postgres</c> user when the tests run as root,
/// since PostgreSQL refuses to run as root.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _directory;
    private readonly Process _process;

    private PostgresServer(string directory, Process process, int port)
    {
        _directory = directory;
        _process = process;
        Port = port;
    }

    /// <summary>The port the server listens on, on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>A connection string for the superuser on database <paramref name="database"/>.</summary>
    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true";

    /// <summary>Starts a fresh server; fails with the server's own output when it cannot.</summary>
    /// <param name="settings">Extra <c>name=value</c> server settings, applied after the defaults (e.g. <c>fsync=on</c> to measure durable writes).</param>
    public static async Task<PostgresServer> StartAsync(params string[] settings)
    {
        var bin = FindBinDirectory();
        var directory = Directory.CreateTempSubdirectory("docstream-pg-").FullName;
        var dataDirectory = Path.Combine(directory, "data");
        var runAsPostgres = Environment.UserName == "root";
        if (runAsPostgres)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", directory], asPostgres: false);
        }

        await RunAsync(Path.Combine(bin, "initdb"), ["-D", dataDirectory, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-sync"], runAsPostgres);
        var port = LoopbackPort.Free();
        var start = Command(Path.Combine(bin, "postgres"),
            ["-D", dataDirectory, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-c", "listen_addresses=127.0.0.1",
             "-c", $"unix_socket_directories={directory}", "-c", "fsync=off", "-c", "max_connections=200",
             .. settings.SelectMany(setting => new[] { "-c", setting })],
            runAsPostgres);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var process = Process.Start(start) ?? throw new InvalidOperationException("postgres did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PostgresServer(directory, process, port);
        await server.WaitUntilReadyAsync(bin);
        return server;
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await RunAsync(Path.Combine(FindBinDirectory(), "createdb"), ["-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", name], asPostgres: false);
        return ConnectionString(name);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static string FindBinDirectory()
    {
        const string Root = "/usr/lib/postgresql";
        var candidates = Directory.Exists(Root)
            ? Directory.GetDirectories(Root).Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).Order(StringComparer.Ordinal).ToArray()
            : [];
        return candidates.LastOrDefault()
            ?? throw new InvalidOperationException("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb); .ci/run installs Debian's postgresql package.");
    }

    private static ProcessStartInfo Command(string program, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var start = asPostgres ? new ProcessStartInfo("runuser") : new ProcessStartInfo(program);
        if (asPostgres)
        {
            foreach (var prefix in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(prefix);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.WorkingDirectory = Path.GetTempPath();
        return start;
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var start = Command(program, arguments, asPostgres);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{await output}\n{await error}");
        }
    }

    private async Task WaitUntilReadyAsync(string bin)
    {
        var port = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"postgres exited with code {_process.ExitCode} while starting.");
            }

            using var probe = Process.Start(Command(Path.Combine(bin, "pg_isready"), ["-h", "127.0.0.1", "-p", port, "-q"], asPostgres: false))!;
            await probe.WaitForExitAsync();
            if (probe.ExitCode == 0)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("postgres did not accept connections within 30 s.");
    }
}
