using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using DocStream.Core.Parsing;
using DocStream.Bench.Shared;
using DocStream.Core.Querying;
using DocStream.Search;
using DocStream.Search.Bench;
using DocStream.Search.Indexing;

// Usage: dotnet run -c Release --project bench/DocStream.Search.Bench [documents=10000] [repetitions=50]
// Builds a corpus from the five seeds: every document draws its title, paragraphs and keywords from the seeds'
// words (main text and teasers) with their observed frequencies, so term statistics stay Arabic-news-like.
var documentCount = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var repetitions = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;

var seeds = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Seeds"), "*.txt").Order(StringComparer.Ordinal)
    .Select(f => ArticleParser.Parse(File.ReadAllText(f))).ToArray();
var words = seeds.SelectMany(s => s.Body.Concat(s.ReadAlso.SelectMany(r => r.Paragraphs)).Prepend(s.Title))
    .SelectMany(p => p.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray(); // repeated words = frequency
string[] sources = ["وكالة سوا", "صحيفة الاتحاد", "RT", "الوطن", "وكالة الأنباء", "الجزيرة", "العربية", "سكاي نيوز"];
var random = new Random(20240501);
long textBytes = 0; // UTF-8 bytes of the title, body and keywords of every indexed document

string Sentence(int min, int max) => string.Join(' ', Enumerable.Range(0, random.Next(min, max)).Select(_ => words[random.Next(words.Length)]));

ParsedArticle Synthetic(int i)
{
    var seed = seeds[i % seeds.Length];
    // Keep one real paragraph of the seed so phrases from it occur, then synthetic ones.
    var body = seed.Body.Take(1).Concat(Enumerable.Range(0, random.Next(4, 12)).Select(_ => Sentence(15, 60))).ToArray();
    var keywords = Enumerable.Range(0, random.Next(2, 6)).Select(_ => words[random.Next(words.Length)]).Distinct().ToArray();
    var published = new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(random.Next(0, 900));
    var title = Sentence(6, 16);
    textBytes += System.Text.Encoding.UTF8.GetByteCount(title + string.Concat(body) + string.Concat(keywords));
    return seed with
    {
        Title = title,
        Body = body,
        Keywords = keywords,
        Sources = [sources[random.Next(sources.Length)]],
        PublishedTime = published,
    };
}

var loadAtStart = LoadAverage(); // the machine may be shared: say how busy it was
var path = Directory.CreateTempSubdirectory("docstream-search-bench-").FullName;
try
{
    using var index = SearchIndex.Open(path);
    var corpus = Enumerable.Range(0, documentCount).Select(i => ($"doc{i:D6}", Synthetic(i))).ToList(); // kept for the PostgreSQL run
    var clock = Stopwatch.StartNew();
    const int batchSize = 256; // as ImportDocuments stores them
    for (var start = 0; start < documentCount; start += batchSize)
    {
        index.Upsert(corpus.GetRange(start, Math.Min(batchSize, documentCount - start)));
    }

    var indexSeconds = clock.Elapsed.TotalSeconds;
    var indexBytes = new DirectoryInfo(path).GetFiles().Sum(f => f.Length);
    var corpusTextBytes = textBytes;

    var single = new List<double>();
    for (var i = 0; i < 30; i++)
    {
        var started = Stopwatch.GetTimestamp();
        index.Upsert([($"single{i}", Synthetic(i))]);
        single.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    var searcher = new DocumentSearcher(index);
    (string Kind, string Query, string Filter)[] queries =
    [
        .. SearchQueries.Unfiltered.Select(query => (query.Kind, query.Query, "")),
        ("filter", "بوتين", "source = \"RT\""),
        ("filter", "غزة", "published_time >= \"2024-01-01\" AND published_time < \"2024-07-01\""),
    ];
    var all = new List<double>();
    var rows = new List<string>();
    var luceneByQuery = new List<(int Hits, List<double> Timings)>();
    foreach (var (kind, query, filter) in queries)
    {
        var parsedFilter = FilterParser.Parse(filter);
        var results = searcher.Search(query, parsedFilter); // warm-up, and the hit count
        var timings = new List<double>();
        for (var r = 0; r < repetitions; r++)
        {
            var started = Stopwatch.GetTimestamp();
            searcher.Search(query, parsedFilter);
            timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        all.AddRange(timings);
        luceneByQuery.Add((results.TotalHits, timings));
        rows.Add($"| {kind} | `{query}`{(filter.Length > 0 ? $" + filter `{filter}`" : "")} | {results.TotalHits} | {Percentile(timings, 50):F2} | {Percentile(timings, 99):F2} |");
    }

    Console.WriteLine($"Machine: {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores ({CpuModel()}), {RuntimeInformation.FrameworkDescription}; {DateTime.UtcNow:yyyy-MM-dd}; load average at start {loadAtStart}, at end {LoadAverage()}");
    Console.WriteLine($"Corpus: {documentCount} documents; indexed in {indexSeconds:F1} s ({documentCount / indexSeconds:F0} docs/s, batches of {batchSize}, one commit each)");
    Console.WriteLine($"Index size: {indexBytes / 1024.0 / 1024.0:F1} MiB on disk ({indexBytes / documentCount} bytes per document, stored title and body included) for {corpusTextBytes / 1024.0 / 1024.0:F1} MiB of UTF-8 text ({(double)indexBytes / corpusTextBytes:F2}x)");
    Console.WriteLine($"One-document write (update + commit + refresh): p50 {Percentile(single, 50):F1} ms, p99 {Percentile(single, 99):F1} ms over {single.Count}");
    Console.WriteLine($"Search, top 20 with snippets, {repetitions} runs per query: p50 {Percentile(all, 50):F2} ms, p99 {Percentile(all, 99):F2} ms over {all.Count}");
    Console.WriteLine();
    Console.WriteLine("| kind | query | hits | p50 ms | p99 ms |");
    Console.WriteLine("|---|---|---:|---:|---:|");
    rows.ForEach(Console.WriteLine);

    // The same documents and the unfiltered queries on PostgreSQL's built-in full-text search.
    var unfiltered = queries.Select((q, i) => (q, i)).Where(x => x.q.Filter.Length == 0).ToArray();
    var postgres = await PostgresFullTextBaseline.RunAsync(corpus, unfiltered.Select(x => x.q.Query).ToArray(), repetitions);
    Console.WriteLine();
    Console.WriteLine($"PostgreSQL 'arabic' full-text search: loaded and indexed in {postgres.IndexSeconds:F1} s; table with GIN index {postgres.IndexBytes / 1024.0 / 1024.0:F1} MiB; "
        + $"search p50 {Percentile(postgres.Results.SelectMany(r => r.Timings).ToList(), 50):F2} ms, p99 {Percentile(postgres.Results.SelectMany(r => r.Timings).ToList(), 99):F2} ms");
    Console.WriteLine("| query | Lucene hits | Lucene p50 / p99 ms | PostgreSQL hits | PostgreSQL p50 / p99 ms |");
    Console.WriteLine("|---|---:|---:|---:|---:|");
    for (var k = 0; k < unfiltered.Length; k++)
    {
        var lucene = luceneByQuery[unfiltered[k].i];
        var pg = postgres.Results[k];
        Console.WriteLine($"| `{unfiltered[k].q.Query}` | {lucene.Hits} | {Percentile(lucene.Timings, 50):F2} / {Percentile(lucene.Timings, 99):F2} | {pg.Hits} | {Percentile(pg.Timings, 50):F2} / {Percentile(pg.Timings, 99):F2} |");
    }
}
finally
{
    Directory.Delete(path, recursive: true);
}

static double Percentile(List<double> values, int percentile)
{
    var sorted = values.Order().ToArray();
    var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1;
    return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
}

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

static string CpuModel() =>
    File.Exists("/proc/cpuinfo")
        ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
        : "unknown CPU";
