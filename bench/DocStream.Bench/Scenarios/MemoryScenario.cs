using System.Diagnostics;
using DocStream.Bench.Corpus;
using DocStream.Bench.Hosting;
using DocStream.Bench.Reporting;
using DocStream.Client;
using DocStream.Contracts.V1;

namespace DocStream.Bench.Scenarios;

/// <summary>
/// The server's peak resident set (VmHWM) while it streams the corpus to a fast client (reads everything as fast
/// as it can) and to a slow one (reads about <see cref="SlowDocsPerSecond"/> documents a second for
/// <see cref="SlowSeconds"/> seconds, then cancels). Each client gets a freshly started server, so each peak is
/// that client's alone. Run at two corpus sizes: a server that streams in constant memory shows the same peaks.
/// </summary>
public static class MemoryScenario
{
    private const int SlowDocsPerSecond = 200;
    private const int SlowSeconds = 30;
    private static readonly TimeSpan SampleEvery = TimeSpan.FromMilliseconds(250);

    /// <summary>Runs the scenario.</summary>
    public static async Task RunAsync(int count, string sizeLabel, int runs)
    {
        var directory = await CorpusCache.EnsureSqliteAsync(count);
        var log = new ResultLog("memory", sizeLabel);
        var idle = new List<double>();
        var fast = new List<double>();
        var fastQuarters = Enumerable.Range(0, 4).Select(_ => new List<double>()).ToArray();
        var slow = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            await using (var server = await BenchServer.StartAsync(directory))
            {
                idle.Add(server.PeakRssMiB());
                var quarters = await ReadFastAsync(server, count);
                for (var quarter = 0; quarter < 4; quarter++)
                {
                    fastQuarters[quarter].Add(quarters[quarter]);
                }

                fast.Add(server.PeakRssMiB());
                Console.WriteLine($"  run {run + 1}/{runs} fast: idle peak {idle[^1]:0} MiB; peak after each quarter of the corpus {string.Join(", ", quarters.Select(peak => peak.ToString("0", System.Globalization.CultureInfo.InvariantCulture)))} MiB");
            }

            await using (var server = await BenchServer.StartAsync(directory))
            {
                var (documents, maxSampled) = await ReadSlowlyAsync(server);
                slow.Add(server.PeakRssMiB());
                Console.WriteLine($"  run {run + 1}/{runs} slow: {documents} documents read before the end or the {SlowSeconds} s cut-off, peak {slow[^1]:0} MiB (largest sampled RSS {maxSampled:0} MiB)");
            }
        }

        log.Add("server-idle", "peak_rss_mib", idle);
        log.Add("fast-client", "peak_rss_mib", fast);
        for (var quarter = 0; quarter < 4; quarter++)
        {
            log.Add("fast-client", $"peak_at_{(quarter + 1) * 25}pct_mib", fastQuarters[quarter]);
        }

        log.Add("slow-client", "peak_rss_mib", slow);
        log.Finish();
    }

    /// <summary>Streams everything as fast as possible; returns the server's peak RSS after each quarter of the corpus.</summary>
    private static async Task<double[]> ReadFastAsync(BenchServer server, int count)
    {
        var peaks = new List<double>();
        long documents = 0;
        using var call = server.Client.StreamDocuments(new StreamDocumentsRequest { View = DocumentView.Full });
        await foreach (var _ in call.ResponseStream.ReadDocumentsAsync())
        {
            if (++documents * 4 % count == 0)
            {
                peaks.Add(server.PeakRssMiB());
            }
        }

        return documents == count ? [.. peaks] : throw new InvalidOperationException($"Read {documents} of {count} documents.");
    }

    private static async Task<(long Documents, double MaxSampledMiB)> ReadSlowlyAsync(BenchServer server)
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(SlowSeconds));
        var maxSampled = 0.0;
        using var sampler = new PeriodicTimer(SampleEvery);
        var sampling = Task.Run(async () =>
        {
            while (await sampler.WaitForNextTickAsync(CancellationToken.None) && !cancellation.IsCancellationRequested)
            {
                maxSampled = Math.Max(maxSampled, server.RssMiB());
            }
        });
        long documents = 0;
        var stopwatch = Stopwatch.StartNew();
        try
        {
            using var call = server.Client.StreamDocuments(new StreamDocumentsRequest { View = DocumentView.Full }, cancellationToken: cancellation.Token);
            await foreach (var _ in call.ResponseStream.ReadDocumentsAsync(cancellation.Token))
            {
                documents++;
                var due = TimeSpan.FromSeconds((double)documents / SlowDocsPerSecond) - stopwatch.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, cancellation.Token);
                }
            }
        }
        catch (Exception ex) when (cancellation.IsCancellationRequested && ex is OperationCanceledException or Grpc.Core.RpcException)
        {
            // The slow read ends by cancelling after SlowSeconds.
        }

        sampler.Dispose();
        await sampling;
        return (documents, maxSampled);
    }
}
