using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using DocStream.Contracts.V1;
using DocStream.Testing;
using Grpc.Net.Client;

namespace DocStream.Bench.Hosting;

/// <summary>The baseline host (<see cref="BaselineHost"/>) as a child process pinned to the server core, with clients for it.</summary>
public sealed class BaselineProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http;
    private readonly int _h2Port;
    private readonly int _h1Port;

    private BaselineProcess(Process process, int h2Port, int h1Port)
    {
        _process = process;
        _h2Port = h2Port;
        _h1Port = h1Port;
        _http = new HttpClient(new SocketsHttpHandler()) { Timeout = Timeout.InfiniteTimeSpan };
        Channel = GrpcChannel.ForAddress($"http://127.0.0.1:{h2Port}");
        Client = new DocumentService.DocumentServiceClient(Channel);
    }

    /// <summary>The host's process id.</summary>
    public int Pid => _process.Id;

    /// <summary>A generated DocStream client on a channel to the bare service.</summary>
    public DocumentService.DocumentServiceClient Client { get; }

    /// <summary>The channel to the bare service.</summary>
    public GrpcChannel Channel { get; }

    /// <summary>Starts the host on <paramref name="sqliteFile"/>, <paramref name="rawFile"/> and <paramref name="documentFile"/> (either may be absent).</summary>
    public static async Task<BaselineProcess> StartAsync(string sqliteFile, string rawFile, string documentFile)
    {
        var (h2Port, h1Port) = (LoopbackPort.Free(), LoopbackPort.Free());
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true };
        foreach (var argument in new[] { typeof(BaselineProcess).Assembly.Location, "serve-baselines", h2Port.ToString(CultureInfo.InvariantCulture), h1Port.ToString(CultureInfo.InvariantCulture), sqliteFile, rawFile, documentFile })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The baseline host did not start.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line && line != BaselineHost.ReadyLine)
        {
            Console.WriteLine($"  baseline: {line}");
        }

        if (process.HasExited)
        {
            throw new InvalidOperationException($"The baseline host exited with code {process.ExitCode}.");
        }

        Processes.PinTree(process.Id, Processes.ServerCore);
        return new BaselineProcess(process, h2Port, h1Port);
    }

    /// <summary>Reads the whole raw HTTP/2 response, the file sent <paramref name="repeat"/> times; returns its length in bytes.</summary>
    public async Task<long> ReadRawAsync(int repeat)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{_h2Port}/raw?repeat={repeat}")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            total += read;
        }

        return total;
    }

    /// <summary>Reads and deserializes the JSON array of stored documents; returns the count and raw bytes.</summary>
    public async Task<(long Documents, long Bytes)> ReadJsonAsync()
    {
        using var response = await _http.GetAsync($"http://127.0.0.1:{_h1Port}/json", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        long documents = 0, bytes = 0;
        await foreach (var document in JsonSerializer.DeserializeAsyncEnumerable(body, BaselineJsonContext.Default.BaselineDocument))
        {
            documents++;
            bytes += document!.RawContent!.Length;
        }

        return (documents, bytes);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
