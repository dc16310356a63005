using DocStream.Bench.Corpus;
using DocStream.Bench.Hosting;
using DocStream.Bench.Reporting;

namespace DocStream.Bench.Scenarios;

/// <summary>
/// Ingest throughput through ImportDocuments (parsed, durable, searchable) into a fresh SQLite store and a fresh
/// PostgreSQL database with fsync on, next to the limits measured in the same run: each stage alone
/// (<see cref="IngestStages"/>) over the same documents, generated before the clock starts so the client only sends.
/// Grouping is off except in <c>sqlite-grouping</c> (the server's default; <c>stories</c> measures it on and off).
/// <c>sqlite</c> and <c>postgres</c> run the server on the server core, as every scenario does; <c>sqlite-two-cores</c>
/// lets it use both cores, the driver's included.
/// </summary>
public static class IngestScenario
{
    private static readonly string[] GroupingOff = ["--Stories:Enabled=false"];

    private static readonly string[] Variants = ["sqlite", "sqlite-two-cores", "postgres", "sqlite-grouping"];

    /// <summary>Runs the scenario: the stages alone and every import, or only the import <paramref name="only"/> names.</summary>
    public static async Task RunAsync(int count, string sizeLabel, int runs, string? only)
    {
        if (only is not null && !Variants.Contains(only))
        {
            throw new ArgumentException($"--only {only}: the ingest scenario's imports are {string.Join(", ", Variants)}.");
        }

        var log = new ResultLog("ingest", sizeLabel);
        Console.WriteLine($"Generating {count} documents ...");
        var documents = CorpusCache.Generator().Generate(count).ToList();
        var variants = new Dictionary<string, List<ImportStats>>();
        var stages = new List<IngestStages.Timings>();
        void Note(string variant, ImportStats stats, int run)
        {
            (variants.TryGetValue(variant, out var list) ? list : variants[variant] = []).Add(stats);
            Console.WriteLine($"  run {run + 1}/{runs} {variant}: {stats.DocsPerSecond:0} docs/s");
        }

        for (var run = 0; run < runs && only is not null; run++)
        {
            Note(only, only switch
            {
                "sqlite" => await IngestSqliteAsync(documents, count, keep: null, GroupingOff),
                "sqlite-two-cores" => await IngestSqliteAsync(documents, count, keep: null, GroupingOff, pinned: false),
                "postgres" => await IngestPostgresAsync(documents, count, keep: null, GroupingOff),
                _ => await IngestSqliteAsync(documents, count, keep: null),
            }, run);
        }

        for (var run = 0; run < runs && only is null; run++)
        {
            await using (var postgres = await BenchPostgres.StartAsync())
            {
                var directory = Path.Combine(CorpusCache.Root, $"stages-{Environment.ProcessId}");
                try
                {
                    stages.Add(await IngestStages.MeasureAsync(documents, directory, postgres.ConnectionString));
                }
                finally
                {
                    Directory.Delete(directory, recursive: true);
                }
            }

            var timings = stages[^1];
            Console.WriteLine($"  run {run + 1}/{runs} stages alone, docs/s: parse {count / timings.ParseSeconds:0}, store sqlite {count / timings.SqliteStoreSeconds:0}, "
                + $"store postgres {count / timings.PostgresStoreSeconds:0}, index {count / timings.IndexSeconds:0}");
            Note("sqlite", await IngestSqliteAsync(documents, count, keep: null, GroupingOff), run);
            Note("sqlite-two-cores", await IngestSqliteAsync(documents, count, keep: null, GroupingOff, pinned: false), run);
            Note("postgres", await IngestPostgresAsync(documents, count, keep: null, GroupingOff), run);
            Note("sqlite-grouping", await IngestSqliteAsync(documents, count, keep: null), run);
        }

        if (only is not null)
        {
            Record(log, only, variants[only]);
            log.Finish();
            return;
        }

        Stage(log, "parse-alone", stages.Select(timings => count / timings.ParseSeconds));
        Stage(log, "store-alone-sqlite", stages.Select(timings => count / timings.SqliteStoreSeconds));
        Stage(log, "store-alone-postgres", stages.Select(timings => count / timings.PostgresStoreSeconds));
        Stage(log, "index-alone", stages.Select(timings => count / timings.IndexSeconds));
        // One core doing every stage of each document in turn: what an import without overlap could reach at best.
        Stage(log, "stages-serial-sqlite", stages.Select(timings => count / (timings.ParseSeconds + timings.SqliteStoreSeconds + timings.IndexSeconds)));
        foreach (var (variant, imports) in variants)
        {
            Record(log, variant, imports);
            var store = variant.StartsWith("postgres", StringComparison.Ordinal) ? (Func<IngestStages.Timings, double>)(t => t.PostgresStoreSeconds) : t => t.SqliteStoreSeconds;
            // The slowest stage alone of the same run: an import that overlaps its stages perfectly reaches it.
            log.Add(variant, "x_slowest_stage_ratio", imports.Zip(stages, (stats, timings) =>
                stats.DocsPerSecond / (count / new[] { timings.ParseSeconds, store(timings), timings.IndexSeconds }.Max())).ToArray());
        }

        log.Add("postgres", "x_sqlite_ratio", variants["postgres"].Zip(variants["sqlite"], (pg, lite) => pg.DocsPerSecond / lite.DocsPerSecond).ToArray());
        log.Finish();
    }

    /// <summary>
    /// Imports the corpus into a fresh SQLite store (deleted afterwards) through a DocStream server started with
    /// <paramref name="serverArguments"/>; hands the server to <paramref name="keep"/> before stopping it.
    /// <paramref name="progress"/>, given the server once it runs, is told the documents sent after each call (by default
    /// a line every tenth).
    /// </summary>
    public static async Task<ImportStats> IngestSqliteAsync(
        IEnumerable<GeneratedDocument> documents, int count, Func<BenchServer, Task>? keep,
        IReadOnlyList<string>? serverArguments = null, Func<BenchServer, Action<long>>? progress = null, bool pinned = true)
    {
        var directory = Path.Combine(CorpusCache.Root, $"ingest-{Environment.ProcessId}");
        Directory.CreateDirectory(directory);
        try
        {
            await using var server = await BenchServer.StartAsync(directory, pinned, [.. serverArguments ?? []]);
            var stats = Check(await Importer.ImportAsync(
                server.Client, documents, progress?.Invoke(server) ?? CorpusCache.Progress(count)), count);
            if (keep is not null)
            {
                await keep(server);
            }

            return stats;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// Imports the corpus into a fresh PostgreSQL through a DocStream server started with
    /// <paramref name="serverArguments"/> besides the database's; hands both to <paramref name="keep"/> before stopping
    /// them. <paramref name="progress"/>, given both once they run, is told the documents sent after each call (by default
    /// a line every tenth).
    /// </summary>
    public static async Task<ImportStats> IngestPostgresAsync(
        IEnumerable<GeneratedDocument> documents, int count, Func<BenchPostgres, BenchServer, Task>? keep,
        IReadOnlyList<string>? serverArguments = null, Func<BenchPostgres, BenchServer, Action<long>>? progress = null)
    {
        await using var postgres = await BenchPostgres.StartAsync();
        await using var server = await BenchServer.StartAsync(
            Path.Combine(CorpusCache.Root, "postgres-server"), [.. postgres.ServerArguments(), .. serverArguments ?? []]);
        var stats = Check(await Importer.ImportAsync(
            server.Client, documents, progress?.Invoke(postgres, server) ?? CorpusCache.Progress(count)), count);
        if (keep is not null)
        {
            await keep(postgres, server);
        }

        return stats;
    }

    private static void Stage(ResultLog log, string variant, IEnumerable<double> docsPerSecond) => log.Add(variant, "docs_per_s", docsPerSecond.ToArray());

    private static void Record(ResultLog log, string variant, List<ImportStats> runs)
    {
        log.Add(variant, "docs_per_s", runs.Select(stats => stats.DocsPerSecond).ToArray());
        log.Add(variant, "mb_per_s", runs.Select(stats => stats.MegabytesPerSecond).ToArray());
    }

    private static ImportStats Check(ImportStats stats, int count) =>
        stats.Created == count ? stats : throw new InvalidOperationException($"Created {stats.Created} of {count} documents ({stats.Failed} failed).");
}
