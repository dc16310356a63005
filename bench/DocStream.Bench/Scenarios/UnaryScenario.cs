using System.Globalization;
using DocStream.Bench.Corpus;
using DocStream.Bench.Hosting;
using DocStream.Bench.Load;
using DocStream.Bench.Reporting;
using DocStream.Contracts.V1;
using Google.Protobuf;

namespace DocStream.Bench.Scenarios;

/// <summary>
/// GetDocument throughput and latency at several concurrencies, next to a bare grpc-dotnet service that answers
/// with the same document from memory. DocStream is called for one fixed document (the like-for-like comparison)
/// and for documents picked in turn from a thousand (cache behaviour of a real read mix).
/// </summary>
public static class UnaryScenario
{
    private const int CandidatePage = 1000;
    private const long MaxCandidateBytes = 50 * 1024;
    private static readonly int[] Concurrencies = [1, 16, 64];
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);

    /// <summary>Runs the scenario; <paramref name="seconds"/> is the measured window of each run.</summary>
    public static async Task RunAsync(int count, string sizeLabel, int runs, int seconds)
    {
        var directory = await CorpusCache.EnsureSqliteAsync(count);
        var log = new ResultLog("unary", sizeLabel);
        await using var server = await BenchServer.StartAsync(directory);
        var page = await server.Client.ListDocumentsAsync(new ListDocumentsRequest { PageSize = CandidatePage, View = DocumentView.Basic });
        var candidates = page.Documents.Where(document => document.SizeBytes <= MaxCandidateBytes).ToArray();
        var sizes = candidates.Select(document => document.SizeBytes).Order().ToArray();
        var median = sizes[sizes.Length / 2];
        var fixedName = candidates.MinBy(document => Math.Abs(document.SizeBytes - median))!.Name;
        var fixedDocument = await server.Client.GetDocumentAsync(new GetDocumentRequest { Name = fixedName, View = DocumentView.Full });
        var documentFile = Path.Combine(directory, "fixed-document.bin");
        await File.WriteAllBytesAsync(documentFile, fixedDocument.ToByteArray());
        var names = candidates.Select(document => document.Name).ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Fixed document {fixedName}: {fixedDocument.SizeBytes} raw bytes, {fixedDocument.CalculateSize()} bytes serialized; random mix over {names.Length} documents of at most {MaxCandidateBytes / 1024} KiB."));

        await using var baselines = await BaselineProcess.StartAsync(CorpusCache.SqliteFile(directory), "", documentFile);
        var variants = new (string Name, Func<int, long, Task> Call)[]
        {
            ("docstream-fixed", async (_, _) => await server.Client.GetDocumentAsync(new GetDocumentRequest { Name = fixedName })),
            ("bare-fixed", async (_, _) => await baselines.Client.GetDocumentAsync(new GetDocumentRequest { Name = fixedName })),
            ("docstream-mix", async (caller, n) => await server.Client.GetDocumentAsync(new GetDocumentRequest { Name = names[(int)((caller * 7919L + n) % names.Length)] })),
        };
        foreach (var concurrency in Concurrencies)
        {
            var measured = variants.ToDictionary(variant => variant.Name, _ => new List<LoadResult>());
            for (var run = 0; run < runs; run++)
            {
                foreach (var (name, call) in variants)
                {
                    var result = await LoadDriver.RunAsync(concurrency, WarmUp, TimeSpan.FromSeconds(seconds), maxCallsPerCaller: 2_000_000, call);
                    if (result.Errors > 0)
                    {
                        throw new InvalidOperationException($"{name}: {result.Errors} calls failed.");
                    }

                    measured[name].Add(result);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  c={concurrency} run {run + 1}/{runs} {name}: {result.CallsPerSecond:0} calls/s, p50 {result.Latencies.P50Micros} µs, p90 {result.Latencies.P90Micros} µs, p99 {result.Latencies.P99Micros} µs, max {result.Latencies.MaxMicros} µs"));
                }
            }

            foreach (var (name, results) in measured)
            {
                var variant = string.Create(CultureInfo.InvariantCulture, $"{name} c={concurrency}");
                log.Add(variant, "calls_per_s", results.Select(result => result.CallsPerSecond).ToArray());
                log.Add(variant, "p50_us", results.Select(result => (double)result.Latencies.P50Micros).ToArray());
                log.Add(variant, "p99_us", results.Select(result => (double)result.Latencies.P99Micros).ToArray());
                log.Add(variant, "x_bare_ratio", results.Zip(measured["bare-fixed"], (mine, bare) => mine.CallsPerSecond / bare.CallsPerSecond).ToArray());
            }
        }

        log.Finish();
    }
}
