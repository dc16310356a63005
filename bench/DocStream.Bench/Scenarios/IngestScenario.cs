using DocStream.Bench.Corpus;
using DocStream.Bench.Hosting;
using DocStream.Bench.Reporting;

namespace DocStream.Bench.Scenarios;

/// <summary>
/// Ingest throughput through ImportDocuments (parsed and committed) into a fresh SQLite store and a fresh
/// PostgreSQL database with fsync on. The client generates the documents as it sends them.
/// </summary>
public static class IngestScenario
{
    /// <summary>Runs the scenario.</summary>
    public static async Task RunAsync(int count, string sizeLabel, int runs)
    {
        var log = new ResultLog("ingest", sizeLabel);
        var generator = CorpusCache.Generator();
        var sqlite = new List<ImportStats>();
        var postgres = new List<ImportStats>();
        for (var run = 0; run < runs; run++)
        {
            sqlite.Add(await IngestSqliteAsync(generator, count, keep: null));
            Console.WriteLine($"  run {run + 1}/{runs} sqlite: {sqlite[^1].DocsPerSecond:0} docs/s");
            postgres.Add(await IngestPostgresAsync(generator, count, keep: null));
            Console.WriteLine($"  run {run + 1}/{runs} postgres: {postgres[^1].DocsPerSecond:0} docs/s");
        }

        Record(log, "sqlite", sqlite);
        Record(log, "postgres", postgres);
        log.Add("postgres", "x_sqlite_ratio", postgres.Zip(sqlite, (pg, lite) => pg.DocsPerSecond / lite.DocsPerSecond).ToArray());
        log.Finish();
    }

    /// <summary>
    /// Imports the corpus into a fresh SQLite store (deleted afterwards) through a DocStream server started with
    /// <paramref name="serverArguments"/>; hands the server to <paramref name="keep"/> before stopping it.
    /// <paramref name="progress"/>, given the server once it runs, is told the documents sent after each call (by default
    /// a line every tenth).
    /// </summary>
    public static async Task<ImportStats> IngestSqliteAsync(
        CorpusGenerator generator, int count, Func<BenchServer, Task>? keep,
        IReadOnlyList<string>? serverArguments = null, Func<BenchServer, Action<long>>? progress = null)
    {
        var directory = Path.Combine(CorpusCache.Root, $"ingest-{Environment.ProcessId}");
        Directory.CreateDirectory(directory);
        try
        {
            await using var server = await BenchServer.StartAsync(directory, [.. serverArguments ?? []]);
            var stats = Check(await Importer.ImportAsync(
                server.Client, generator.Generate(count), progress?.Invoke(server) ?? CorpusCache.Progress(count)), count);
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
        CorpusGenerator generator, int count, Func<BenchPostgres, BenchServer, Task>? keep,
        IReadOnlyList<string>? serverArguments = null, Func<BenchPostgres, BenchServer, Action<long>>? progress = null)
    {
        await using var postgres = await BenchPostgres.StartAsync();
        await using var server = await BenchServer.StartAsync(
            Path.Combine(CorpusCache.Root, "postgres-server"), [.. postgres.ServerArguments(), .. serverArguments ?? []]);
        var stats = Check(await Importer.ImportAsync(
            server.Client, generator.Generate(count), progress?.Invoke(postgres, server) ?? CorpusCache.Progress(count)), count);
        if (keep is not null)
        {
            await keep(postgres, server);
        }

        return stats;
    }

    private static void Record(ResultLog log, string variant, List<ImportStats> runs)
    {
        log.Add(variant, "docs_per_s", runs.Select(stats => stats.DocsPerSecond).ToArray());
        log.Add(variant, "mb_per_s", runs.Select(stats => stats.MegabytesPerSecond).ToArray());
    }

    private static ImportStats Check(ImportStats stats, int count) =>
        stats.Created == count ? stats : throw new InvalidOperationException($"Created {stats.Created} of {count} documents ({stats.Failed} failed).");
}
