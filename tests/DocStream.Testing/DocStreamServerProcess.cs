using System.Diagnostics;
using System.Text;
using DocStream.Contracts.V1;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace DocStream.Testing;

/// <summary>
/// The real DocStream server, run as its own process on Kestrel on a free loopback port with its own data
/// directory, exactly as a user runs it. Disposing it stops the process and deletes the data.
/// </summary>
public sealed class DocStreamServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private const int MaxBindRetries = 3;
    private readonly StringBuilder _output = new();
    private readonly string[] _extraArguments;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly bool _ownsDataDirectory;
    private Process? _process;
    private GrpcChannel? _channel;
    private bool _portsPickedFresh;
    private int _attemptOutputStart;

    private DocStreamServerProcess(string dataDirectory, bool ownsDataDirectory, string[] extraArguments, IReadOnlyDictionary<string, string> environment)
    {
        DataDirectory = dataDirectory;
        _ownsDataDirectory = ownsDataDirectory;
        _extraArguments = extraArguments;
        _environment = environment;
    }

    /// <summary>Where the server keeps its SQLite file.</summary>
    public string DataDirectory { get; }

    /// <summary>The server's address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Address { get; private set; } = "";

    /// <summary>The HTTP/1.1 endpoint's address (JSON transcoding, gRPC-Web), e.g. <c>http://127.0.0.1:41235</c>.</summary>
    public string HttpAddress { get; private set; } = "";

    /// <summary>The loopback host and port, as grpcurl and buf take them.</summary>
    public string HostAndPort => Address["http://".Length..];

    /// <summary>A client on a channel to the server.</summary>
    public DocumentService.DocumentServiceClient Client { get; private set; } = null!;

    /// <summary>A channel to the server.</summary>
    public GrpcChannel Channel => _channel ?? throw new InvalidOperationException("The server is not running.");

    /// <summary>Everything the server printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts a server and waits until its health check reports SERVING.
    /// </summary>
    /// <param name="dataDirectory">Reuse this data directory (it is then not deleted on dispose); null for a fresh one.</param>
    /// <param name="arguments">Extra configuration, e.g. <c>--Corpus:ImportSamplesWhenEmpty=false</c>.</param>
    public static Task<DocStreamServerProcess> StartAsync(string? dataDirectory = null, params string[] arguments) =>
        StartAsync(dataDirectory, new Dictionary<string, string>(), arguments);

    /// <summary>Starts a server with extra environment variables, e.g. <c>DOCSTREAM_LIMITS__MAXDOCUMENTBYTES</c>.</summary>
    public static async Task<DocStreamServerProcess> StartAsync(string? dataDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var owns = dataDirectory is null;
        dataDirectory ??= Directory.CreateTempSubdirectory("docstream-test-").FullName;
        var server = new DocStreamServerProcess(dataDirectory, owns, arguments, environment);
        server.StartProcess();
        await server.WaitUntilServingAsync();
        return server;
    }

    /// <summary>
    /// Starts a server without waiting for it to serve, for tests that watch it start; call
    /// <see cref="WaitUntilServingAsync"/> to wait.
    /// </summary>
    public static DocStreamServerProcess StartWithoutWaiting(params string[] arguments)
    {
        var server = new DocStreamServerProcess(Directory.CreateTempSubdirectory("docstream-test-").FullName, true, arguments, new Dictionary<string, string>());
        server.StartProcess();
        return server;
    }

    /// <summary>
    /// Kills the process (SIGKILL, as a crash would) and starts it again on the same data: on a new free port, or with
    /// <paramref name="sameAddress"/> on the one it had, so that clients that reconnect by themselves find it again.
    /// </summary>
    public async Task RestartAsync(bool sameAddress = false)
    {
        var address = Address;
        await StopAsync();
        StartProcess(sameAddress ? address : null);
        await WaitUntilServingAsync();
    }

    /// <summary>
    /// Starts the stopped server again on the same data and a new free port (or with <paramref name="sameAddress"/>
    /// the one it had), without waiting for it to serve, for tests that act while it starts (and call
    /// <see cref="WaitUntilServingAsync"/> to wait).
    /// </summary>
    public void StartAgainWithoutWaiting(bool sameAddress = false)
    {
        if (_process is { HasExited: false })
        {
            throw new InvalidOperationException("The server is still running; stop it first.");
        }

        StartProcess(sameAddress ? Address : null);
    }

    /// <summary>Asks the server to stop, as an orchestrator does (SIGTERM), and waits until it has exited.</summary>
    /// <returns>The server's exit code.</returns>
    public async Task<int> TerminateAsync()
    {
        await SignalTerminateAsync();
        return await WaitForExitAsync();
    }

    /// <summary>Sends the server SIGTERM, as an orchestrator does, and returns without waiting for it to stop.</summary>
    public async Task SignalTerminateAsync()
    {
        var process = _process ?? throw new InvalidOperationException("The server was not started.");
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    /// <summary>Waits until the server has exited by itself.</summary>
    /// <returns>The server's exit code.</returns>
    public async Task<int> WaitForExitAsync()
    {
        var process = _process ?? throw new InvalidOperationException("The server was not started.");
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    /// <summary>Kills the server process (SIGKILL, as a crash would) and waits until it has exited.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _channel?.Dispose();
        _channel = null;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
        if (_ownsDataDirectory)
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }

    /// <summary>The entries the server logged at error or critical level, each with its message and exception.</summary>
    public IReadOnlyList<string> LoggedErrors()
    {
        // The console formatter writes an entry's level and category on one line and indents the lines that follow.
        var entries = new List<string>();
        StringBuilder? entry = null;
        foreach (var line in Output.Split('\n').Select(line => line.TrimEnd('\r')))
        {
            if (entry is not null && line.StartsWith(' '))
            {
                entry.Append('\n').Append(line);
                continue;
            }

            if (entry is not null)
            {
                entries.Add(entry.ToString());
            }

            entry = line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal) ? new StringBuilder(line) : null;
        }

        if (entry is not null)
        {
            entries.Add(entry.ToString());
        }

        return entries;
    }

    private void StartProcess(string? address = null)
    {
        if (!File.Exists(RepositoryLayout.ServerAssembly))
        {
            throw new InvalidOperationException($"Server not built: {RepositoryLayout.ServerAssembly}");
        }

        _portsPickedFresh = address is null;
        lock (_output)
        {
            _attemptOutputStart = _output.Length;
        }

        Address = address ?? $"http://127.0.0.1:{LoopbackPort.Free()}";
        if (address is null || HttpAddress.Length == 0)
        {
            HttpAddress = $"http://127.0.0.1:{LoopbackPort.Free()}";
        }

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = DataDirectory,
        };
        start.ArgumentList.Add(RepositoryLayout.ServerAssembly);
        start.ArgumentList.Add($"--Kestrel:Endpoints:Grpc:Url={Address}");
        start.ArgumentList.Add($"--Kestrel:Endpoints:Http:Url={HttpAddress}");
        start.ArgumentList.Add($"--Storage:DataDirectory={DataDirectory}");
        foreach (var argument in _extraArguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (name, value) in _environment)
        {
            start.Environment[name] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process?.Dispose();
        _process = process;
        _channel?.Dispose();
        _channel = GrpcChannel.ForAddress(Address);
        Client = new DocumentService.DocumentServiceClient(_channel);
    }

    /// <summary>Waits until the server's health check reports SERVING; fails if the process exits first.</summary>
    public async Task WaitUntilServingAsync()
    {
        var process = _process ?? throw new InvalidOperationException("The server was not started.");
        var health = new Health.HealthClient(Channel);
        var deadline = DateTime.UtcNow + StartTimeout;
        var bindRetries = 0;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                // Waiting again drains the redirected output, so the message holds everything the server printed.
                await process.WaitForExitAsync();
                if (_portsPickedFresh && bindRetries < MaxBindRetries && LostPortRace())
                {
                    bindRetries++;
                    StartProcess();
                    process = _process!;
                    health = new Health.HealthClient(Channel);
                    continue;
                }

                throw new InvalidOperationException($"The server exited with code {process.ExitCode}:\n{Output}");
            }

            try
            {
                var reply = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(2));
                if (reply.Status == HealthCheckResponse.Types.ServingStatus.Serving)
                {
                    return;
                }
            }
            catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The server did not report SERVING within {StartTimeout}:\n{Output}");
    }

    /// <summary>
    /// Whether the last start failed because another process bound a port between <see cref="LoopbackPort.Free"/>
    /// releasing it and the server binding it: a race no free-port picker can close, so such starts are retried on new ports.
    /// </summary>
    private bool LostPortRace()
    {
        lock (_output)
        {
            return _output.ToString(_attemptOutputStart, _output.Length - _attemptOutputStart).Contains("address already in use", StringComparison.Ordinal);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
