using System.Diagnostics;
using DocStream.Bench.Corpus;
using DocStream.Core.Documents;
using DocStream.Core.Ingest;
using DocStream.Core.Storage;
using DocStream.Search.Indexing;
using DocStream.Storage.Postgres;
using DocStream.Storage.Sqlite;

namespace DocStream.Bench.Scenarios;

/// <summary>
/// Each stage of an import alone, in the driver's process on its one core, over the same documents the server
/// imports: parsing (<see cref="DocumentPreparer"/>), storing with grouping off (the SQLite and the PostgreSQL
/// writer, a transaction per batch, as the server batches), and indexing (<see cref="SearchIndex.Apply"/> per batch,
/// a near-real-time refresh per <see cref="Importer.DocumentsPerCall"/> documents as the server makes them searchable
/// once per import call, and the commits of its default interval). The driver's one core makes every stage run on
/// one thread, the index's too. The stages take turns per batch, each
/// timed on its own clock: together they are the limit an import of the same documents cannot beat on one core.
/// PostgreSQL's own processes run on the server core, so its store stage has that core besides.
/// </summary>
public static class IngestStages
{
    /// <summary>Seconds each stage took for the whole corpus.</summary>
    public sealed record Timings(double ParseSeconds, double SqliteStoreSeconds, double PostgresStoreSeconds, double IndexSeconds);

    /// <summary>Runs every stage over <paramref name="documents"/>, in fresh stores and a fresh index under <paramref name="directory"/>.</summary>
    public static async Task<Timings> MeasureAsync(IReadOnlyList<GeneratedDocument> documents, string directory, string postgresConnectionString)
    {
        Directory.CreateDirectory(directory);
        var preparer = new DocumentPreparer(new IngestLimits());
        await using var sqlite = SqliteDocumentStore.Open(Path.Combine(directory, "stages.db"));
        await using var postgres = PostgresDocumentStore.Open(postgresConnectionString);
        await sqlite.InitializeAsync(CancellationToken.None);
        await postgres.InitializeAsync(CancellationToken.None);
        using var index = SearchIndex.Open(Path.Combine(directory, "stages-index"));
        var parse = new Stopwatch();
        var storeSqlite = new Stopwatch();
        var storePostgres = new Stopwatch();
        var indexing = new Stopwatch();
        var batch = new List<NewDocument>(DocumentIngestor.BatchSize);
        long batchBytes = 0, applied = 0;
        async Task FlushAsync()
        {
            storeSqlite.Start();
            await sqlite.Writer.AddAsync(batch, CancellationToken.None);
            storeSqlite.Stop();
            storePostgres.Start();
            await postgres.Writer.AddAsync(batch, CancellationToken.None);
            storePostgres.Stop();
            indexing.Start();
            applied += batch.Count;
            index.Apply(batch.Select(document => new IndexEntry(document.Id, document.Parsed, StoryId: null, NearDuplicate: false)).ToList(), applied);
            if (applied / Importer.DocumentsPerCall > (applied - batch.Count) / Importer.DocumentsPerCall)
            {
                index.MakeSearchable();
            }

            indexing.Stop();
            batch.Clear();
            batchBytes = 0;
        }

        foreach (var document in documents)
        {
            parse.Start();
            var prepared = preparer.Prepare(document.Content, document.SourceUri);
            parse.Stop();
            batch.Add(prepared);
            batchBytes += prepared.RawContent.Length;
            if (batch.Count >= DocumentIngestor.BatchSize || batchBytes >= DocumentIngestor.BatchBytes)
            {
                await FlushAsync();
            }
        }

        if (batch.Count > 0)
        {
            await FlushAsync();
        }

        indexing.Start();
        index.MakeSearchable();
        index.Commit();
        indexing.Stop();
        return new Timings(parse.Elapsed.TotalSeconds, storeSqlite.Elapsed.TotalSeconds, storePostgres.Elapsed.TotalSeconds, indexing.Elapsed.TotalSeconds);
    }
}
