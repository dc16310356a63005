using System.Diagnostics;
using System.Globalization;
using DocStream.Bench.Corpus;
using DocStream.Bench.Hosting;
using DocStream.Bench.Load;
using DocStream.Bench.Reporting;
using DocStream.Client;
using DocStream.Contracts.V1;
using DocStream.Storage.Sqlite;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

namespace DocStream.Bench.Scenarios;

/// <summary>
/// WatchDocuments, in three parts, each printed as its own table and appended to <c>results/watch.jsonl</c>:
/// <list type="number">
/// <item><b>Catch-up</b>: a watch from START_SNAPSHOT (FULL) on the cached corpus, documents per second until
/// <c>snapshot_complete</c>, next to StreamDocuments (FULL) over the same documents, taking turns in each run; both
/// decoded by the generated client, and both taken undecoded, as the stream scenario does; and what each reads from
/// the store (the keyset read, the change feed), read in the driver without gRPC.</item>
/// <item><b>Idle watchers</b>: a fresh server on the cached corpus, first held <see cref="IdleHold"/> with no
/// watch, then with <see cref="IdleWatchers"/> START_NOW watches (default heartbeat, so each sends one progress in
/// the window): its RSS, peak RSS and CPU in each window.</item>
/// <item><b>Change latency</b>: from CreateDocument returning in the driver to the change arriving at each of 1,
/// 100 and 1,000 START_NOW (BASIC) watchers (and from the server's <c>create_time</c>, stamped just before the
/// insert, and from the call's start, since CreateDocument returns only after the search index has the document and
/// the watchers are woken before that), creates issued one at a time at <see cref="CreatesPerSecond"/>, on a
/// fresh SQLite store and a fresh PostgreSQL database, the writes made through the watched instance and, on
/// PostgreSQL, through another instance (heard of by LISTEN/NOTIFY); with the CPU of the client and of each server
/// over the window, since the watchers share the client's core with the writer.</item>
/// </list>
/// The latency stores are fresh so that the cached corpus is never written to.
/// </summary>
public static class WatchScenario
{
    /// <summary>Creates per second in the latency part, one at a time.</summary>
    public const double CreatesPerSecond = 20;

    private const int IdleWatchers = 1000;
    private const int WarmUpWatchers = 10;
    private const int WarmUpCreates = 40;

    // Generates the written articles: another seed than the corpus's, so every create is a new document.
    private const int WriteSeed = CorpusCache.Seed + 16;

    private static readonly int[] WatcherCounts = [1, 100, 1000];
    private static readonly TimeSpan IdleHold = TimeSpan.FromSeconds(40);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan OpenTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Runs the scenario, or only its part <paramref name="only"/> (<c>catchup</c>, <c>idle</c> or <c>latency</c>); the
    /// latency part creates for <paramref name="seconds"/> per measurement.
    /// </summary>
    public static async Task RunAsync(int count, string sizeLabel, int runs, int seconds, string? only)
    {
        string[] parts = ["catchup", "idle", "latency"];
        if (only is not null && !parts.Contains(only))
        {
            throw new ArgumentException($"--only {only}: the watch scenario's parts are {string.Join(", ", parts)}.");
        }

        var directory = await CorpusCache.EnsureSqliteAsync(count);
        if (only is null or "catchup")
        {
            await CatchUpAsync(directory, count, sizeLabel, runs);
        }

        if (only is null or "idle")
        {
            await IdleAsync(directory, sizeLabel, runs);
        }

        if (only is null or "latency")
        {
            await LatencyAsync(sizeLabel, runs, (int)(seconds * CreatesPerSecond));
        }
    }

    private static async Task CatchUpAsync(string directory, int count, string sizeLabel, int runs)
    {
        Console.WriteLine($"Catch-up: WatchDocuments START_SNAPSHOT against StreamDocuments, FULL, {count} documents.");
        var log = new ResultLog("watch", sizeLabel);
        await using var server = await BenchServer.StartAsync(directory);
        var store = SqliteDocumentStore.Open(CorpusCache.SqliteFile(directory));
        await store.InitializeAsync(CancellationToken.None);
        var corpusBytes = (await Readers.StoreAsync(store)).Bytes;
        var wire = new Dictionary<string, List<double>> { ["catchup-stream-undecoded"] = [], ["catchup-watch-undecoded"] = [] };
        var variants = new (string Name, Func<Task<ReadStats>> Read)[]
        {
            // The stores' own reads in the driver, no gRPC: the keyset read StreamDocuments does, the change feed a
            // watch reads. Their CPU is the client's.
            ("catchup-storage-stream", async () => Check(await Readers.StoreAsync(store), count)),
            ("catchup-storage-feed", async () => Check(await Readers.ChangeFeedAsync(store), count)),
            ("catchup-stream", async () => Check(await Readers.GrpcStreamAsync(server.Client), count)),
            ("catchup-watch", async () => Check(await Readers.GrpcWatchSnapshotAsync(server.Client), count)),
            ("catchup-stream-undecoded", async () =>
            {
                var start = Stopwatch.StartNew();
                var (messages, bytes) = await Readers.GrpcStreamUndecodedAsync(server.Channel);
                var elapsed = start.Elapsed;
                wire["catchup-stream-undecoded"].Add(bytes / 1048576.0);
                // Every document is at least one message; large ones are several.
                return messages >= count ? new ReadStats(count, corpusBytes, elapsed) : throw new InvalidOperationException($"undecoded StreamDocuments read {messages} messages of at least {count}");
            }),
            ("catchup-watch-undecoded", async () =>
            {
                var start = Stopwatch.StartNew();
                var (changes, _, bytes) = await Readers.GrpcWatchSnapshotUndecodedAsync(server.Channel);
                var elapsed = start.Elapsed;
                wire["catchup-watch-undecoded"].Add(bytes / 1048576.0);
                return changes == count ? new ReadStats(count, corpusBytes, elapsed) : throw new InvalidOperationException($"undecoded watch read {changes} changes of {count}");
            }),
        };
        var results = variants.ToDictionary(variant => variant.Name, _ => new List<ReadStats>());
        var cpu = variants.ToDictionary(variant => variant.Name, _ => (Server: new List<double>(), Client: new List<double>()));
        for (var run = -1; run < runs; run++)
        {
            foreach (var (name, read) in variants)
            {
                var serverBefore = Processes.CpuSeconds(server.Pid);
                var clientBefore = Processes.CpuSeconds(Environment.ProcessId);
                var stats = await read();
                if (run < 0)
                {
                    // Warm-up round, not recorded: JIT, connections, the page cache.
                    continue;
                }

                results[name].Add(stats);
                cpu[name].Server.Add(Processes.CpuSeconds(server.Pid) - serverBefore);
                cpu[name].Client.Add(Processes.CpuSeconds(Environment.ProcessId) - clientBefore);
            }

            if (run < 0)
            {
                foreach (var undecoded in wire.Values)
                {
                    undecoded.Clear();
                }
            }
            else
            {
                Console.WriteLine($"  run {run + 1}/{runs}: " + string.Join(", ", results.Select(pair => $"{pair.Key} {pair.Value[^1].DocsPerSecond:0} docs/s")));
            }
        }

        foreach (var (name, stats) in results)
        {
            log.Add(name, "docs_per_s", stats.Select(read => read.DocsPerSecond).ToArray());
            log.Add(name, "mb_per_s", stats.Select(read => read.MegabytesPerSecond).ToArray());
            if (!name.StartsWith("catchup-storage", StringComparison.Ordinal))
            {
                log.Add(name, "server_cpu_pct", cpu[name].Server.Zip(stats, (seconds, read) => 100 * seconds / read.Elapsed.TotalSeconds).ToArray());
                log.Add(name, "server_cpu_us_per_doc", cpu[name].Server.Zip(stats, (seconds, read) => 1e6 * seconds / read.Documents).ToArray());
            }

            log.Add(name, "client_cpu_pct", cpu[name].Client.Zip(stats, (seconds, read) => 100 * seconds / read.Elapsed.TotalSeconds).ToArray());
            log.Add(name, "client_cpu_us_per_doc", cpu[name].Client.Zip(stats, (seconds, read) => 1e6 * seconds / read.Documents).ToArray());
            if (wire.TryGetValue(name, out var wireMiB))
            {
                log.Add(name, "wire_mib", wireMiB);
            }
        }

        foreach (var (watch, stream) in new[] { ("catchup-watch", "catchup-stream"), ("catchup-watch-undecoded", "catchup-stream-undecoded"), ("catchup-storage-feed", "catchup-storage-stream") })
        {
            log.Add(watch, "x_stream_ratio", results[watch].Zip(results[stream], (mine, peer) => mine.DocsPerSecond / peer.DocsPerSecond).ToArray());
        }

        log.Finish();
    }

    private static async Task IdleAsync(string directory, string sizeLabel, int runs)
    {
        Console.WriteLine($"Idle: the server held {IdleHold.TotalSeconds:0} s with no watch, then {IdleWatchers} START_NOW watches (BASIC, default heartbeat) held {IdleHold.TotalSeconds:0} s.");
        var log = new ResultLog("watch", sizeLabel);
        var values = new Dictionary<(string Variant, string Metric), List<double>>();
        void Add(string variant, string metric, double value) => (values.TryGetValue((variant, metric), out var list) ? list : values[(variant, metric)] = []).Add(value);
        var watched = $"idle-watchers w={IdleWatchers}";
        for (var run = 0; run < runs; run++)
        {
            await using var server = await BenchServer.StartAsync(directory);
            await Task.Delay(Settle);
            var before = Processes.CpuSeconds(server.Pid);
            await Task.Delay(IdleHold);
            var noneCpu = Processes.CpuSeconds(server.Pid) - before;
            var (noneRss, noneHwm) = (server.RssMiB(), server.PeakRssMiB());
            Add("idle-no-watchers", "rss_mib", noneRss);
            Add("idle-no-watchers", "hwm_mib", noneHwm);
            Add("idle-no-watchers", "server_cpu_pct", 100 * noneCpu / IdleHold.TotalSeconds);
            Add("idle-no-watchers", "server_cpu_ms", 1000 * noneCpu);

            using var channel = WatcherChannel(server);
            var opening = Stopwatch.StartNew();
            var openCpu = Processes.CpuSeconds(server.Pid);
            await using var watchers = WatcherGroup.Open(new DocumentService.DocumentServiceClient(channel), IdleWatchers, expectedChanges: int.MaxValue);
            await watchers.AllReady.WaitAsync(OpenTimeout);
            var openMs = opening.Elapsed.TotalMilliseconds;
            openCpu = Processes.CpuSeconds(server.Pid) - openCpu;
            var rssOpen = server.RssMiB();
            var (serverBefore, clientBefore, progressBefore) = (Processes.CpuSeconds(server.Pid), Processes.CpuSeconds(Environment.ProcessId), watchers.ProgressMessages);
            await Task.Delay(IdleHold);
            var serverCpu = Processes.CpuSeconds(server.Pid) - serverBefore;
            var clientCpu = Processes.CpuSeconds(Environment.ProcessId) - clientBefore;
            var progress = watchers.ProgressMessages - progressBefore;
            var (rss, hwm) = (server.RssMiB(), server.PeakRssMiB());
            Add(watched, "rss_mib", rss);
            Add(watched, "hwm_mib", hwm);
            Add(watched, "server_cpu_pct", 100 * serverCpu / IdleHold.TotalSeconds);
            Add(watched, "server_cpu_ms", 1000 * serverCpu);
            Add(watched, "client_cpu_pct", 100 * clientCpu / IdleHold.TotalSeconds);
            Add(watched, "rss_kib_per_watcher", (rss - noneRss) * 1024 / IdleWatchers);
            Add(watched, "open_ms", openMs);
            Add(watched, "open_server_cpu_ms", 1000 * openCpu);
            Add(watched, "rss_after_open_mib", rssOpen);
            Add(watched, "progress_messages", progress);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  run {run + 1}/{runs}: no watch RSS {noneRss:0} MiB (peak {noneHwm:0}), CPU {1000 * noneCpu:0} ms; {IdleWatchers} watches opened in {openMs:0} ms, RSS {rss:0} MiB (peak {hwm:0}), CPU {1000 * serverCpu:0} ms over {IdleHold.TotalSeconds:0} s, {progress} progress messages, client CPU {100 * clientCpu / IdleHold.TotalSeconds:0.0} %"));
        }

        foreach (var ((variant, metric), runValues) in values)
        {
            log.Add(variant, metric, runValues);
        }

        log.Finish();
    }

    private static async Task LatencyAsync(string sizeLabel, int runs, int creates)
    {
        Console.WriteLine($"Latency: {creates} creates at {CreatesPerSecond:0}/s per measurement, watchers {string.Join(", ", WatcherCounts)} (START_NOW, BASIC).");
        var log = new ResultLog("watch", sizeLabel);
        var root = Path.Combine(CorpusCache.Root, $"watch-{Environment.ProcessId}");
        try
        {
            await using var sqlite = await BenchServer.StartAsync(Path.Combine(root, "sqlite"));
            await using var postgres = await BenchPostgres.StartAsync();
            await using var pgWatched = await BenchServer.StartAsync(Path.Combine(root, "postgres-a"), postgres.ServerArguments());
            await using var pgOther = await BenchServer.StartAsync(Path.Combine(root, "postgres-b"), postgres.ServerArguments());
            var backends = new Backend[]
            {
                new("sqlite", sqlite, sqlite, null),
                new("postgres", pgWatched, pgWatched, postgres),
                new("postgres-other-instance", pgWatched, pgOther, postgres),
            };
            using var documents = CorpusCache.Generator(WriteSeed).Generate(int.MaxValue).Where(document => document.Content.Length < CorpusGenerator.LargeBytes).GetEnumerator();
            foreach (var backend in backends)
            {
                // Warm-up, not recorded: JIT of the write and watch paths, connections, PostgreSQL's pool.
                await MeasureAsync(backend, WarmUpWatchers, WarmUpCreates, documents);
            }

            var measured = new Dictionary<string, List<LatencyRun>>();
            for (var run = 0; run < runs; run++)
            {
                foreach (var watchers in WatcherCounts)
                {
                    foreach (var backend in backends)
                    {
                        var result = await MeasureAsync(backend, watchers, creates, documents);
                        var variant = string.Create(CultureInfo.InvariantCulture, $"latency-{backend.Name} w={watchers}");
                        (measured.TryGetValue(variant, out var list) ? list : measured[variant] = []).Add(result);
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"  run {run + 1}/{runs} {variant}: from return p50 {result.Latency.P50Micros / 1000.0:0.0} ms, p99 {result.Latency.P99Micros / 1000.0:0.0} ms, max {result.Latency.MaxMicros / 1000.0:0.0} ms; from stamp p50 {result.FromStamp.P50Micros / 1000.0:0.0}, p99 {result.FromStamp.P99Micros / 1000.0:0.0} ms; fan-out p99 {result.FanOut.P99Micros / 1000.0:0.0} ms; over {result.Latency.Count} pairs{(result.Missing > 0 ? $" ({result.Missing} missing)" : "")}; create p99 {result.Create.P99Micros / 1000.0:0.0} ms, {result.CreatesPerSecond:0.0} creates/s; CPU client {result.ClientCpuPct:0} %, server {result.ServerCpuPct:0} %{(backend.Postgres is null ? "" : $", postgres {result.PostgresCpuPct:0} %")}{(backend.Writer != backend.Watched ? $", writing server {result.WriterCpuPct:0} %" : "")}"));
                    }
                }
            }

            foreach (var (variant, results) in measured)
            {
                log.Add(variant, "p50_us", results.Select(result => (double)result.Latency.P50Micros).ToArray());
                log.Add(variant, "p99_us", results.Select(result => (double)result.Latency.P99Micros).ToArray());
                log.Add(variant, "max_us", results.Select(result => (double)result.Latency.MaxMicros).ToArray());
                log.Add(variant, "p50_from_stamp_us", results.Select(result => (double)result.FromStamp.P50Micros).ToArray());
                log.Add(variant, "p99_from_stamp_us", results.Select(result => (double)result.FromStamp.P99Micros).ToArray());
                log.Add(variant, "p99_fan_out_us", results.Select(result => (double)result.FanOut.P99Micros).ToArray());
                log.Add(variant, "p50_from_call_us", results.Select(result => (double)result.FromCall.P50Micros).ToArray());
                log.Add(variant, "p99_from_call_us", results.Select(result => (double)result.FromCall.P99Micros).ToArray());
                log.Add(variant, "create_p50_us", results.Select(result => (double)result.Create.P50Micros).ToArray());
                log.Add(variant, "create_p99_us", results.Select(result => (double)result.Create.P99Micros).ToArray());
                log.Add(variant, "creates_per_s", results.Select(result => result.CreatesPerSecond).ToArray());
                log.Add(variant, "client_cpu_pct", results.Select(result => result.ClientCpuPct).ToArray());
                log.Add(variant, "server_cpu_pct", results.Select(result => result.ServerCpuPct).ToArray());
                if (variant.StartsWith("latency-postgres", StringComparison.Ordinal))
                {
                    log.Add(variant, "postgres_cpu_pct", results.Select(result => result.PostgresCpuPct).ToArray());
                }

                if (variant.StartsWith("latency-postgres-other-instance", StringComparison.Ordinal))
                {
                    log.Add(variant, "writer_cpu_pct", results.Select(result => result.WriterCpuPct).ToArray());
                }

                log.Add(variant, "open_ms", results.Select(result => result.OpenMs).ToArray());
                log.Add(variant, "missing", results.Select(result => (double)result.Missing).ToArray());
            }
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }

        log.Finish();
    }

    /// <summary>
    /// Opens <paramref name="watcherCount"/> START_NOW watches on the watched server, waits until each has said
    /// <c>snapshot_complete</c> and then <see cref="Settle"/>, creates <paramref name="creates"/> documents through
    /// the writing server one at a time at <see cref="CreatesPerSecond"/>, and waits for every watcher to have
    /// received every change (at most <see cref="DrainTimeout"/> after the last create).
    /// </summary>
    private static async Task<LatencyRun> MeasureAsync(Backend backend, int watcherCount, int creates, IEnumerator<GeneratedDocument> documents)
    {
        var requests = new CreateDocumentRequest[creates];
        for (var i = 0; i < creates; i++)
        {
            var document = documents.MoveNext() ? documents.Current : throw new InvalidOperationException("The generator ran out.");
            requests[i] = new CreateDocumentRequest { Content = ByteString.CopyFrom(document.Content), SourceUri = document.SourceUri };
        }

        using var channel = WatcherChannel(backend.Watched);
        var opening = Stopwatch.StartNew();
        var watchers = WatcherGroup.Open(new DocumentService.DocumentServiceClient(channel), watcherCount, creates);
        var started = new long[creates];
        var returned = new long[creates];
        var stamped = new long[creates];
        var names = new string[creates];
        double openMs, elapsed, clientCpu, serverCpu, writerCpu, postgresCpu;
        TimeSpan createWindow;
        await using (watchers)
        {
            await watchers.AllReady.WaitAsync(OpenTimeout);
            openMs = opening.Elapsed.TotalMilliseconds;
            await Task.Delay(Settle);
            var (clientBefore, serverBefore, writerBefore, postgresBefore) = (
                Processes.CpuSeconds(Environment.ProcessId), Processes.CpuSeconds(backend.Watched.Pid), Processes.CpuSeconds(backend.Writer.Pid), backend.Postgres?.CpuSeconds() ?? 0);
            var window = Stopwatch.StartNew();
            for (var i = 0; i < creates; i++)
            {
                var due = TimeSpan.FromSeconds(i / CreatesPerSecond) - window.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due);
                }

                started[i] = Stopwatch.GetTimestamp();
                var created = await backend.Writer.Client.CreateDocumentAsync(requests[i]);
                returned[i] = Stopwatch.GetTimestamp();
                // The server's create_time (the same machine's clock, taken just before the insert) on this clock.
                var ago = DateTime.UtcNow - created.CreateTime.ToDateTime();
                stamped[i] = returned[i] - (long)(ago.Ticks * (Stopwatch.Frequency / (double)TimeSpan.TicksPerSecond));
                names[i] = created.Name;
            }

            createWindow = window.Elapsed;
            await Task.WhenAny(watchers.AllDone, Task.Delay(DrainTimeout));
            if (watchers.AllDone.IsFaulted)
            {
                await watchers.AllDone;
            }

            elapsed = window.Elapsed.TotalSeconds;
            clientCpu = Processes.CpuSeconds(Environment.ProcessId) - clientBefore;
            serverCpu = Processes.CpuSeconds(backend.Watched.Pid) - serverBefore;
            writerCpu = Processes.CpuSeconds(backend.Writer.Pid) - writerBefore;
            postgresCpu = (backend.Postgres?.CpuSeconds() ?? 0) - postgresBefore;
        }

        // The watchers are stopped: their arrival lists are complete. A change that never came counts as arriving
        // when the wait gave up (a lower bound) and is reported as missing.
        var gaveUp = Stopwatch.GetTimestamp();
        var index = new Dictionary<string, int>(creates, StringComparer.Ordinal);
        for (var i = 0; i < creates; i++)
        {
            if (!index.TryAdd(names[i], i))
            {
                throw new InvalidOperationException($"{names[i]} was created twice: the generator repeated a document.");
            }
        }

        // The first arrival of each change at any watcher: the spread after it is the fan-out to the other watchers.
        var first = Enumerable.Repeat(long.MaxValue, creates).ToArray();
        foreach (var arrivals in watchers.Arrivals)
        {
            foreach (var (name, at) in arrivals)
            {
                if (index.TryGetValue(name, out var i))
                {
                    first[i] = Math.Min(first[i], at);
                }
            }
        }

        var fanOut = new List<long>(creates * watcherCount);
        var fromReturn = new List<long>(creates * watcherCount);
        var fromCall = new List<long>(creates * watcherCount);
        var fromStamp = new List<long>(creates * watcherCount);
        long missing = 0;
        foreach (var arrivals in watchers.Arrivals)
        {
            var seen = new bool[creates];
            foreach (var (name, at) in arrivals)
            {
                if (index.TryGetValue(name, out var i) && !seen[i])
                {
                    seen[i] = true;
                    fromReturn.Add(Micros(at - returned[i]));
                    fromCall.Add(Micros(at - started[i]));
                    fromStamp.Add(Micros(at - stamped[i]));
                    fanOut.Add(Micros(at - first[i]));
                }
            }

            for (var i = 0; i < creates; i++)
            {
                if (!seen[i])
                {
                    missing++;
                    fromReturn.Add(Micros(gaveUp - returned[i]));
                    fromCall.Add(Micros(gaveUp - started[i]));
                    fromStamp.Add(Micros(gaveUp - stamped[i]));
                }
            }
        }

        var createMicros = started.Zip(returned, (start, end) => Micros(end - start)).ToArray();
        return new LatencyRun(
            LatencyStats.From([.. fromReturn]), LatencyStats.From([.. fromCall]), LatencyStats.From([.. fromStamp]), LatencyStats.From([.. fanOut]), LatencyStats.From(createMicros), missing,
            creates / createWindow.TotalSeconds, openMs,
            100 * clientCpu / elapsed, 100 * serverCpu / elapsed, 100 * writerCpu / elapsed, 100 * postgresCpu / elapsed);
    }

    private static long Micros(long stopwatchTicks) => (long)(stopwatchTicks * 1e6 / Stopwatch.Frequency);

    // Kestrel allows 100 streams per HTTP/2 connection by default; the watchers' channel opens more connections
    // rather than queue the watches beyond the first hundred (as that many separate clients would).
    private static GrpcChannel WatcherChannel(BenchServer server) => GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions
    {
        HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true, PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan },
    });

    private static ReadStats Check(ReadStats stats, int count) =>
        stats.Documents == count ? stats : throw new InvalidOperationException($"Read {stats.Documents} documents, expected {count}.");

    /// <summary>Where the watches are, and where the writes go.</summary>
    private sealed record Backend(string Name, BenchServer Watched, BenchServer Writer, BenchPostgres? Postgres);

    /// <summary>One latency measurement.</summary>
    private sealed record LatencyRun(
        LatencyStats Latency, LatencyStats FromCall, LatencyStats FromStamp, LatencyStats FanOut, LatencyStats Create, long Missing, double CreatesPerSecond, double OpenMs,
        double ClientCpuPct, double ServerCpuPct, double WriterCpuPct, double PostgresCpuPct);

    /// <summary>
    /// START_NOW watches (BASIC view, default heartbeat) read in the background by the generated client and
    /// <c>ReadEventsAsync</c>, each noting the name and arrival time of every change. Disposing cancels them.
    /// </summary>
    private sealed class WatcherGroup : IAsyncDisposable
    {
        private readonly CancellationTokenSource _cancel = new();
        private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Task[] _tasks;
        private readonly int _expectedChanges;
        private int _notReady;
        private int _notDone;
        private long _progress;

        private WatcherGroup(DocumentService.DocumentServiceClient client, int count, int expectedChanges)
        {
            _expectedChanges = expectedChanges;
            (_notReady, _notDone) = (count, count);
            Arrivals = Enumerable.Range(0, count).Select(_ => new List<(string, long)>(expectedChanges <= 100_000 ? expectedChanges : 16)).ToArray();
            _tasks = Enumerable.Range(0, count).Select(watcher => RunAsync(client, Arrivals[watcher])).ToArray();
        }

        /// <summary>Each watcher's changes: the document's name and the <see cref="Stopwatch"/> timestamp it arrived at.</summary>
        public IReadOnlyList<List<(string Name, long At)>> Arrivals { get; }

        /// <summary>Completes when every watcher has received <c>snapshot_complete</c>.</summary>
        public Task AllReady => _ready.Task;

        /// <summary>Completes when every watcher has received the expected number of changes.</summary>
        public Task AllDone => _done.Task;

        /// <summary>Progress messages received so far, by all watchers.</summary>
        public long ProgressMessages => Interlocked.Read(ref _progress);

        public static WatcherGroup Open(DocumentService.DocumentServiceClient client, int count, int expectedChanges) => new(client, count, expectedChanges);

        public async ValueTask DisposeAsync()
        {
            await _cancel.CancelAsync();
            await Task.WhenAll(_tasks);
            _cancel.Dispose();
        }

        private async Task RunAsync(DocumentService.DocumentServiceClient client, List<(string Name, long At)> arrivals)
        {
            // Off the opening thread, so that a thousand opens do not run one after another on it.
            await Task.Yield();
            try
            {
                using var call = client.WatchDocuments(
                    new WatchDocumentsRequest { Start = WatchDocumentsRequest.Types.Start.Now, View = DocumentView.Basic }, cancellationToken: _cancel.Token);
                await foreach (var watchEvent in call.ResponseStream.ReadEventsAsync(_cancel.Token))
                {
                    var at = Stopwatch.GetTimestamp();
                    switch (watchEvent.Kind)
                    {
                        case WatchEventKind.SnapshotComplete:
                            if (Interlocked.Decrement(ref _notReady) == 0)
                            {
                                _ready.TrySetResult();
                            }

                            break;
                        case WatchEventKind.Change:
                            arrivals.Add((watchEvent.Change!.Name, at));
                            if (arrivals.Count == _expectedChanges && Interlocked.Decrement(ref _notDone) == 0)
                            {
                                _done.TrySetResult();
                            }

                            break;
                        case WatchEventKind.Progress:
                            Interlocked.Increment(ref _progress);
                            break;
                    }
                }

                throw new InvalidOperationException("A watch ended by itself.");
            }
            catch (Exception ex) when (_cancel.IsCancellationRequested && ex is RpcException or OperationCanceledException)
            {
                // Stopped by DisposeAsync.
            }
            catch (Exception ex)
            {
                _ready.TrySetException(ex);
                _done.TrySetException(ex);
            }
        }
    }
}
