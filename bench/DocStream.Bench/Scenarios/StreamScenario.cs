using System.Diagnostics;
using DocStream.Bench.Corpus;
using DocStream.Bench.Hosting;
using DocStream.Bench.Reporting;
using DocStream.Contracts.V1;
using DocStream.Storage.Sqlite;

namespace DocStream.Bench.Scenarios;

/// <summary>
/// StreamDocuments throughput over loopback with the generated client, in FULL view and in the PARSED and RAW views
/// that send the text once, next to five baselines in the same run: a bare grpc-dotnet service sending the same
/// messages of each view from memory (the framework's limit), the
/// store read directly (storage limit), the same bytes as one raw HTTP/2 response (transport limit), the same
/// documents as JSON over HTTP/1.1 (REST-like), and the same RPC read without parsing the messages (what the server
/// side can do when its client only frames). The variants take turns within each run so that drift hits them alike.
/// </summary>
public static class StreamScenario
{
    /// <summary>
    /// Runs the scenario. With <paramref name="rawFromCount"/>, the transport baseline sends the recorded stream of
    /// that smaller corpus <c>count / rawFromCount</c> times instead of recording this one's (same generator, same
    /// size spread), for corpora whose stream would not fit on the disk beside the store.
    /// </summary>
    public static async Task RunAsync(int count, string sizeLabel, int runs, int? rawFromCount)
    {
        // Checked before any corpus is loaded: a load can take most of an hour.
        if (rawFromCount is { } divisor && (divisor <= 0 || count % divisor != 0))
        {
            throw new ArgumentException($"--raw-from {divisor} must divide the corpus size {count}.");
        }

        var directory = await CorpusCache.EnsureSqliteAsync(count);
        var rawRepeat = rawFromCount is { } smaller ? count / smaller : 1;
        var rawFile = Path.Combine(rawFromCount is { } from ? await CorpusCache.EnsureSqliteAsync(from) : directory, "stream.bin");
        var log = new ResultLog("stream", sizeLabel);
        await using var server = await BenchServer.StartAsync(directory);
        if (!File.Exists(rawFile))
        {
            if (rawFromCount is not null)
            {
                throw new InvalidOperationException($"{rawFile} is missing: run the stream scenario on that corpus first.");
            }

            Console.WriteLine("Recording the stream's bytes for the transport baseline ...");
            await Readers.DumpStreamAsync(server.Client, rawFile);
        }

        // The bare service sends this corpus's own messages, so it runs only when the recordings are of it.
        var bare = rawRepeat == 1;
        foreach (var view in bare ? PartialViews : [])
        {
            if (!File.Exists(RecordedStream.PathFor(rawFile, view)))
            {
                Console.WriteLine($"Recording the {view} stream for the bare gRPC service ...");
                await Readers.DumpStreamAsync(server.Client, RecordedStream.PathFor(rawFile, view), view);
            }
        }

        await using var baselines = await BaselineProcess.StartAsync(CorpusCache.SqliteFile(directory), rawFile, "");
        var store = SqliteDocumentStore.Open(CorpusCache.SqliteFile(directory));
        await store.InitializeAsync(CancellationToken.None);
        var corpusBytes = (await Readers.StoreAsync(store)).Bytes;
        var rawBytes = new FileInfo(rawFile).Length * rawRepeat;
        Console.WriteLine($"Corpus: {count} documents, {corpusBytes / 1048576.0:0} MiB raw content, {rawBytes / 1048576.0:0} MiB on the wire (gRPC framing, without HTTP/2 frame headers){(rawRepeat > 1 ? $"; transport baseline: {rawFile} sent {rawRepeat} times" : "")}.");

        var results = new Dictionary<string, List<ReadStats>>
        {
            ["grpc"] = [], ["grpc-parsed"] = [], ["grpc-raw"] = [], ["grpc-undecoded"] = [], ["storage"] = [], ["raw-h2"] = [], ["json-http1"] = [],
        };
        foreach (var view in bare ? [.. BareVariants.Keys] : Array.Empty<string>())
        {
            results[view] = [];
        }

        var cpu = results.Keys.ToDictionary(variant => variant, _ => (Server: new List<double>(), Client: new List<double>()));
        var bareVariants = BareVariants.Select(pair => (pair.Key, baselines.Pid, (Func<Task<ReadStats>>)(async () =>
            Check(await Readers.GrpcStreamAsync(baselines.Client, pair.Value), count) with { Bytes = corpusBytes })));
        var variants = new List<(string Name, int ServerPid, Func<Task<ReadStats>> Read)>
        {
            ("storage", 0, () => Readers.StoreAsync(store)),
            ("grpc", server.Pid, async () => Check(await Readers.GrpcStreamAsync(server.Client), count)),
            // The views that send the text once; their MB/s is of the corpus's text, delivered in one form.
            ("grpc-parsed", server.Pid, async () => Check(await Readers.GrpcStreamAsync(server.Client, DocumentView.Parsed), count) with { Bytes = corpusBytes }),
            ("grpc-raw", server.Pid, async () => Check(await Readers.GrpcStreamAsync(server.Client, DocumentView.Raw), count)),
            ("grpc-undecoded", server.Pid, async () =>
            {
                var start = Stopwatch.StartNew();
                var (messages, bytes) = await Readers.GrpcStreamUndecodedAsync(server.Channel);
                // A recorded stream of a smaller corpus says nothing of this one's length; every document is at least one message.
                var complete = rawRepeat == 1 ? bytes == rawBytes : messages >= count;
                return complete ? new ReadStats(count, corpusBytes, start.Elapsed) : throw new InvalidOperationException($"undecoded gRPC read {messages} messages, {bytes} bytes; the recorded stream has {rawBytes}");
            }),
            ("raw-h2", baselines.Pid, async () =>
            {
                var start = Stopwatch.StartNew();
                var read = await baselines.ReadRawAsync(rawRepeat);
                return read == rawBytes ? new ReadStats(count, corpusBytes, start.Elapsed) : throw new InvalidOperationException($"raw read {read} of {rawBytes} bytes");
            }),
            ("json-http1", baselines.Pid, async () =>
            {
                var start = Stopwatch.StartNew();
                var (documents, bytes) = await baselines.ReadJsonAsync();
                return Check(new ReadStats(documents, bytes, start.Elapsed), count);
            }),
        };
        if (bare)
        {
            variants.AddRange(bareVariants);
        }

        for (var run = -1; run < runs; run++)
        {
            foreach (var (name, serverPid, read) in variants)
            {
                var serverBefore = serverPid == 0 ? 0 : Processes.CpuSeconds(serverPid);
                var clientBefore = Processes.CpuSeconds(Environment.ProcessId);
                var stats = await read();
                if (run < 0)
                {
                    // Warm-up round, not recorded: JIT, connection set-up, and the page cache for the store and the raw file.
                    continue;
                }

                results[name].Add(stats);
                if (serverPid != 0)
                {
                    cpu[name].Server.Add(Processes.CpuSeconds(serverPid) - serverBefore);
                }

                cpu[name].Client.Add(Processes.CpuSeconds(Environment.ProcessId) - clientBefore);
            }

            if (run >= 0)
            {
                Console.WriteLine($"  run {run + 1}/{runs}: " + string.Join(", ", results.Select(pair => $"{pair.Key} {pair.Value[^1].DocsPerSecond:0} docs/s")));
            }
        }

        var transport = Summaries(log, results, "raw-h2");
        foreach (var variant in results.Keys.Where(key => key != "raw-h2"))
        {
            var ratios = Summaries(log, results, variant);
            log.Add(variant, "x_raw_h2_ratio", ratios.Zip(transport, (mine, limit) => mine / limit).ToArray());
        }

        // CPU per document says what each side could reach on its own core: at 100 % busy, 10^6 / (µs per document)
        // documents per second. The storage read runs in the driver, so its cost is on the client side.
        foreach (var (variant, (serverCpu, clientCpu)) in cpu)
        {
            if (serverCpu.Count > 0)
            {
                AddCpu(log, variant, "server", serverCpu, results[variant]);
            }

            AddCpu(log, variant, "client", clientCpu, results[variant]);
        }

        foreach (var view in (string[])["grpc-parsed", "grpc-raw"])
        {
            log.Add(view, "x_full_ratio", results[view].Zip(results["grpc"], (mine, full) => mine.DocsPerSecond / full.DocsPerSecond).ToArray());
        }

        // Each view against the bare grpc-dotnet service sending the same messages: the framework's own limit.
        foreach (var (baseline, mine) in bare ? BareVariants.Keys.Zip((string[])["grpc", "grpc-parsed", "grpc-raw"]).ToArray() : [])
        {
            log.Add(mine, "x_bare_ratio", results[mine].Zip(results[baseline], (ours, limit) => ours.DocsPerSecond / limit.DocsPerSecond).ToArray());
        }

        log.Add("grpc", "x_json_ratio", results["grpc"].Zip(results["json-http1"], (grpc, json) => grpc.DocsPerSecond / json.DocsPerSecond).ToArray());
        log.Finish();
    }

    private static readonly DocumentView[] PartialViews = [DocumentView.Parsed, DocumentView.Raw];

    // In the order of the views they bound: FULL, PARSED, RAW.
    private static readonly Dictionary<string, DocumentView> BareVariants = new()
    {
        ["bare-grpc"] = DocumentView.Full, ["bare-grpc-parsed"] = DocumentView.Parsed, ["bare-grpc-raw"] = DocumentView.Raw,
    };

    private static void AddCpu(ResultLog log, string variant, string side, List<double> cpuSeconds, List<ReadStats> passes)
    {
        log.Add(variant, $"{side}_cpu_pct", cpuSeconds.Zip(passes, (seconds, pass) => 100 * seconds / pass.Elapsed.TotalSeconds).ToArray());
        log.Add(variant, $"{side}_cpu_us_per_doc", cpuSeconds.Zip(passes, (seconds, pass) => 1e6 * seconds / pass.Documents).ToArray());
    }

    private static ReadStats Check(ReadStats stats, int count) =>
        stats.Documents == count ? stats : throw new InvalidOperationException($"Read {stats.Documents} documents, expected {count}.");

    private static double[] Summaries(ResultLog log, Dictionary<string, List<ReadStats>> results, string variant)
    {
        var docsPerSecond = results[variant].Select(stats => stats.DocsPerSecond).ToArray();
        if (!log.Has(variant, "docs_per_s"))
        {
            log.Add(variant, "docs_per_s", docsPerSecond);
            log.Add(variant, "mb_per_s", results[variant].Select(stats => stats.MegabytesPerSecond).ToArray());
        }

        return docsPerSecond;
    }
}
