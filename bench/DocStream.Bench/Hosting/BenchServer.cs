using DocStream.Contracts.V1;
using DocStream.Testing;
using Grpc.Net.Client;

namespace DocStream.Bench.Hosting;

/// <summary>
/// The real DocStream server, started through the test harness's <see cref="DocStreamServerProcess"/> and pinned
/// to <see cref="Processes.ServerCore"/> unless asked otherwise, with its process id for memory readings.
/// </summary>
public sealed class BenchServer : IAsyncDisposable
{
    private readonly DocStreamServerProcess _process;

    private BenchServer(DocStreamServerProcess process, int pid)
    {
        _process = process;
        Pid = pid;
    }

    /// <summary>The server's process id.</summary>
    public int Pid { get; }

    /// <summary>The server's address, e.g. <c>http://127.0.0.1:41234</c>, for channels of a scenario's own.</summary>
    public string Address => _process.Address;

    /// <summary>The harness's channel to the server.</summary>
    public GrpcChannel Channel => _process.Channel;

    /// <summary>A client on the harness's channel.</summary>
    public DocumentService.DocumentServiceClient Client => _process.Client;

    /// <summary>Starts a server on <paramref name="dataDirectory"/> (kept on dispose) with extra configuration.</summary>
    public static Task<BenchServer> StartAsync(string dataDirectory, params string[] arguments) => StartAsync(dataDirectory, pinned: true, arguments);

    /// <summary>
    /// Starts a server as <see cref="StartAsync(string, string[])"/> does, pinned to the server core or, without
    /// <paramref name="pinned"/>, free to run on every core (the driver's among them).
    /// </summary>
    public static async Task<BenchServer> StartAsync(string dataDirectory, bool pinned, params string[] arguments)
    {
        Directory.CreateDirectory(dataDirectory);
        string[] all = ["--Corpus:ImportSamplesWhenEmpty=false", "--Logging:LogLevel:Default=Warning", .. arguments];
        var process = await DocStreamServerProcess.StartAsync(dataDirectory, all);
        var pids = Processes.FindByCommandLine($"--Kestrel:Endpoints:Grpc:Url={process.Address}");
        if (pids.Count != 1)
        {
            await process.DisposeAsync();
            throw new InvalidOperationException($"Expected one server process for {process.Address}, found {pids.Count}.");
        }

        if (pinned)
        {
            Processes.PinTree(pids[0], Processes.ServerCore);
        }

        return new BenchServer(process, pids[0]);
    }

    /// <summary>Peak resident set of the server since it started, in MiB.</summary>
    public double PeakRssMiB() => Processes.StatusKilobytes(Pid, "VmHWM") / 1024.0;

    /// <summary>Current resident set of the server, in MiB.</summary>
    public double RssMiB() => Processes.StatusKilobytes(Pid, "VmRSS") / 1024.0;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
