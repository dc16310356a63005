using System.Globalization;
using DocStream.Bench.Hosting;
using DocStream.Testing;

namespace DocStream.Bench.Corpus;

/// <summary>
/// SQLite corpora loaded once per size through the server's ImportDocuments and kept under <c>bench/.data</c>
/// (ignored by git), so that read scenarios start from a ready store.
/// </summary>
public static class CorpusCache
{
    /// <summary>The generator seed every scenario uses.</summary>
    public const int Seed = 20240613;

    private const string CompleteMarker = "complete.txt";

    /// <summary>Where cached corpora live.</summary>
    public static string Root => Environment.GetEnvironmentVariable("BENCH_DATA") ?? Path.Combine(RepositoryLayout.Root, "bench", ".data");

    /// <summary>A generator over the seed corpus; another <paramref name="seed"/> gives other articles of the same kind.</summary>
    public static CorpusGenerator Generator(int seed = Seed) => new(SeedPools.Load(Path.Combine(AppContext.BaseDirectory, "seeds")), seed);

    /// <summary>Parses a size label: 10k, 100k, 1m, or a plain number.</summary>
    public static int ParseSize(string label)
    {
        var lower = label.ToLowerInvariant();
        var (digits, factor) = lower.EndsWith('k') ? (lower[..^1], 1_000) : lower.EndsWith('m') ? (lower[..^1], 1_000_000) : (lower, 1);
        return checked(int.Parse(digits, CultureInfo.InvariantCulture) * factor);
    }

    /// <summary>The data directory of the SQLite corpus of <paramref name="count"/> documents, loading it first if needed.</summary>
    public static async Task<string> EnsureSqliteAsync(int count)
    {
        var directory = Path.Combine(Root, $"sqlite-{count}");
        if (File.Exists(Path.Combine(directory, CompleteMarker)))
        {
            return directory;
        }

        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory);
        Console.WriteLine($"Loading {count} generated documents into {directory} ...");
        ImportStats stats;
        await using (var server = await BenchServer.StartAsync(directory))
        {
            stats = await Importer.ImportAsync(server.Client, Generator().Generate(count), Progress(count));
        }

        if (stats.Created != count)
        {
            throw new InvalidOperationException($"Expected {count} new documents, the server created {stats.Created} ({stats.Failed} failed).");
        }

        await File.WriteAllTextAsync(Path.Combine(directory, CompleteMarker), string.Create(CultureInfo.InvariantCulture,
            $"documents={stats.Documents} bytes={stats.Bytes} seconds={stats.Elapsed.TotalSeconds:0.0} docs_per_s={stats.DocsPerSecond:0}\n"));
        Console.WriteLine($"Loaded {stats.Documents} documents ({stats.Bytes / 1048576.0:0} MiB) in {stats.Elapsed.TotalSeconds:0} s.");
        return directory;
    }

    /// <summary>The SQLite file inside a data directory.</summary>
    public static string SqliteFile(string dataDirectory) => Path.Combine(dataDirectory, "docstream.db");

    /// <summary>Prints a line every tenth of <paramref name="total"/>.</summary>
    public static Action<long> Progress(int total) => done =>
    {
        if (done % Math.Max(Importer.DocumentsPerCall, total / 10) == 0)
        {
            Console.WriteLine($"  {done}/{total}");
        }
    };
}
