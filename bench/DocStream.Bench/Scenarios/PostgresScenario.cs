using DocStream.Bench.Corpus;
using DocStream.Bench.Hosting;
using DocStream.Bench.Reporting;
using DocStream.Storage.Postgres;
using DocStream.Storage.Sqlite;

namespace DocStream.Bench.Scenarios;

/// <summary>
/// StreamDocuments throughput on PostgreSQL next to SQLite, each with its store-only read alongside. PostgreSQL is
/// loaded fresh through ImportDocuments (that load's rate is recorded too) and then settled
/// (<see cref="BenchPostgres.SettleAsync"/>); SQLite uses the cached corpus.
/// </summary>
public static class PostgresScenario
{
    /// <summary>Runs the scenario.</summary>
    public static async Task RunAsync(int count, string sizeLabel, int runs)
    {
        var directory = await CorpusCache.EnsureSqliteAsync(count);
        var log = new ResultLog("postgres", sizeLabel);
        var preload = await IngestScenario.IngestPostgresAsync(CorpusCache.Generator().Generate(count), count, async (postgres, pgServer) =>
        {
            await postgres.SettleAsync();
            await using var sqliteServer = await BenchServer.StartAsync(directory);
            var sqliteStore = SqliteDocumentStore.Open(CorpusCache.SqliteFile(directory));
            var pgStore = PostgresDocumentStore.Open(postgres.ConnectionString);
            await sqliteStore.InitializeAsync(CancellationToken.None);
            await pgStore.InitializeAsync(CancellationToken.None);
            var results = new Dictionary<string, List<ReadStats>> { ["grpc-sqlite"] = [], ["grpc-postgres"] = [], ["storage-sqlite"] = [], ["storage-postgres"] = [] };
            for (var run = 0; run < runs; run++)
            {
                results["storage-sqlite"].Add(await Readers.StoreAsync(sqliteStore));
                results["storage-postgres"].Add(await Readers.StoreAsync(pgStore));
                results["grpc-sqlite"].Add(await Readers.GrpcStreamAsync(sqliteServer.Client));
                results["grpc-postgres"].Add(await Readers.GrpcStreamAsync(pgServer.Client));
                Console.WriteLine($"  run {run + 1}/{runs}: " + string.Join(", ", results.Select(pair => $"{pair.Key} {pair.Value[^1].DocsPerSecond:0} docs/s")));
            }

            foreach (var (variant, stats) in results)
            {
                if (stats.Any(read => read.Documents != count))
                {
                    throw new InvalidOperationException($"{variant} read {stats.First(read => read.Documents != count).Documents} of {count} documents.");
                }

                log.Add(variant, "docs_per_s", stats.Select(read => read.DocsPerSecond).ToArray());
                log.Add(variant, "mb_per_s", stats.Select(read => read.MegabytesPerSecond).ToArray());
            }

            log.Add("grpc-postgres", "x_sqlite_ratio", results["grpc-postgres"].Zip(results["grpc-sqlite"], (pg, lite) => pg.DocsPerSecond / lite.DocsPerSecond).ToArray());
        });
        log.Add("ingest-postgres", "docs_per_s", [preload.DocsPerSecond]);
        log.Finish();
    }
}
