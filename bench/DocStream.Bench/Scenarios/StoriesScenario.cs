using System.Diagnostics;
using System.Globalization;
using DocStream.Bench.Corpus;
using DocStream.Bench.Hosting;
using DocStream.Bench.Reporting;
using DocStream.Contracts.V1;

namespace DocStream.Bench.Scenarios;

/// <summary>
/// What grouping documents into stories at ingest (<c>Stories:Enabled</c>, docs/stories.md) costs: ImportDocuments
/// into a fresh SQLite store and a fresh PostgreSQL database (fsync on) with grouping on and off, the same generated
/// corpus and server build, the two taking turns in each run (on first in odd runs, off first in even ones) so that
/// drift in the machine's load hits both alike. Each import is also cut into successive slices of the load (tenths,
/// or fewer when a tenth would hold less than <see cref="CorpusGenerator.LargeEvery"/> documents, so that every slice
/// holds as many of the corpus's 5 MB articles), timed by the wall clock and by the CPU of the server (and of
/// PostgreSQL), so that one can see whether the cost per document grows with the corpus already stored; the same
/// slice with grouping off holds the same documents, so on − off per slice is grouping's own cost there (the first
/// slice of each also has a fresh server's JIT). Two tables, both appended to <c>results/stories.jsonl</c>: the whole
/// import per variant, with the stories that grouping made, and each slice.
/// </summary>
public static class StoriesScenario
{
    /// <summary>Most slices an import is cut into.</summary>
    public const int MaxSlices = 10;

    private static readonly string[] Stores = ["sqlite", "postgres"];

    /// <summary>Runs the scenario, on both stores or only on <paramref name="only"/> (<c>sqlite</c> or <c>postgres</c>).</summary>
    public static async Task RunAsync(int count, string sizeLabel, int runs, string? only)
    {
        if (only is not null && !Stores.Contains(only))
        {
            throw new ArgumentException($"--only {only}: the stories scenario's stores are {string.Join(", ", Stores)}.");
        }

        // Slices of a whole number of import calls and of large articles: 5 of 2,000 at 10k, 10 of 10,000 at 100k.
        var sliceCount = Math.Min(MaxSlices, count / CorpusGenerator.LargeEvery);
        if (sliceCount < 2)
        {
            throw new ArgumentException($"The stories scenario needs at least {2 * CorpusGenerator.LargeEvery} documents, for two slices or more.");
        }

        var totals = new ResultLog("stories", sizeLabel);
        var slices = new ResultLog("stories", sizeLabel);
        var generator = CorpusCache.Generator();
        string[] stores = only is null ? Stores : [only];
        var results = stores.ToDictionary(store => store, _ => (On: new List<Import>(), Off: new List<Import>()));
        for (var run = 0; run < runs; run++)
        {
            foreach (var store in stores)
            {
                bool[] order = run % 2 == 0 ? [true, false] : [false, true];
                foreach (var grouping in order)
                {
                    var import = await ImportAsync(store, grouping, generator, count, sliceCount);
                    (grouping ? results[store].On : results[store].Off).Add(import);
                    var perSlice = string.Join(" ", import.Slices.Select(slice => slice.WallMicrosPerDocument.ToString("0", CultureInfo.InvariantCulture)));
                    Console.WriteLine(
                        $"  run {run + 1}/{runs} {store} grouping {(grouping ? "on" : "off")}: {import.Stats.DocsPerSecond:0} docs/s, "
                        + $"{import.CpuMicrosPerDocument:0} µs CPU/doc; µs/doc per slice {perSlice}"
                        + (import.Stories is { } stories ? $"; {stories.Count} stories, {stories.NearCopies} near copies, largest {stories.Largest}" : ""));
                }
            }
        }

        foreach (var store in stores)
        {
            var (on, off) = results[store];
            RecordTotals(totals, $"{store}-on", on);
            totals.Add($"{store}-on", "x_off_ratio", on.Zip(off, (a, b) => a.Stats.DocsPerSecond / b.Stats.DocsPerSecond).ToArray());
            totals.Add($"{store}-on", "stories", on.Select(import => (double)import.Stories!.Count).ToArray());
            totals.Add($"{store}-on", "near_copies", on.Select(import => (double)import.Stories!.NearCopies).ToArray());
            totals.Add($"{store}-on", "largest_story", on.Select(import => (double)import.Stories!.Largest).ToArray());
            RecordTotals(totals, $"{store}-off", off);

            // Grouping's own cost, on − off of the same run: over the whole import, and the last slice against the first.
            var grouping = $"{store}-grouping";
            totals.Add(grouping, "us_per_doc", on.Zip(off, (a, b) => a.WallMicrosPerDocument - b.WallMicrosPerDocument).ToArray());
            totals.Add(grouping, "cpu_us_per_doc", on.Zip(off, (a, b) => a.CpuMicrosPerDocument - b.CpuMicrosPerDocument).ToArray());
            totals.Add(grouping, "slice_growth_ratio", on.Zip(off, (a, b) =>
                (a.Slices[^1].WallMicrosPerDocument - b.Slices[^1].WallMicrosPerDocument) / (a.Slices[0].WallMicrosPerDocument - b.Slices[0].WallMicrosPerDocument)).ToArray());
            totals.Add(grouping, "cpu_slice_growth_ratio", on.Zip(off, (a, b) =>
                (a.Slices[^1].CpuMicrosPerDocument - b.Slices[^1].CpuMicrosPerDocument) / (a.Slices[0].CpuMicrosPerDocument - b.Slices[0].CpuMicrosPerDocument)).ToArray());

            for (var slice = 0; slice < sliceCount; slice++)
            {
                var variant = $"{store}-slice{slice + 1:00}";
                var at = slice;
                slices.Add(variant, "on_us_per_doc", on.Select(import => import.Slices[at].WallMicrosPerDocument).ToArray());
                slices.Add(variant, "off_us_per_doc", off.Select(import => import.Slices[at].WallMicrosPerDocument).ToArray());
                slices.Add(variant, "grouping_us_per_doc", on.Zip(off, (a, b) => a.Slices[at].WallMicrosPerDocument - b.Slices[at].WallMicrosPerDocument).ToArray());
                slices.Add(variant, "on_cpu_us_per_doc", on.Select(import => import.Slices[at].CpuMicrosPerDocument).ToArray());
                slices.Add(variant, "off_cpu_us_per_doc", off.Select(import => import.Slices[at].CpuMicrosPerDocument).ToArray());
                slices.Add(variant, "grouping_cpu_us_per_doc", on.Zip(off, (a, b) => a.Slices[at].CpuMicrosPerDocument - b.Slices[at].CpuMicrosPerDocument).ToArray());
                slices.Add(variant, "x_off_ratio", on.Zip(off, (a, b) => b.Slices[at].WallMicrosPerDocument / a.Slices[at].WallMicrosPerDocument).ToArray());
            }
        }

        Console.WriteLine();
        Console.WriteLine("Whole imports (grouping: on − off of the same run; slice_growth_ratio: last slice's µs per document ÷ the first's):");
        totals.Finish();
        Console.WriteLine();
        Console.WriteLine($"Each {100 / sliceCount} % of the load, µs per document by the wall clock and of CPU (the DocStream server, and PostgreSQL):");
        slices.Finish();
    }

    private static void RecordTotals(ResultLog log, string variant, List<Import> imports)
    {
        log.Add(variant, "docs_per_s", imports.Select(import => import.Stats.DocsPerSecond).ToArray());
        log.Add(variant, "mb_per_s", imports.Select(import => import.Stats.MegabytesPerSecond).ToArray());
        log.Add(variant, "us_per_doc", imports.Select(import => import.WallMicrosPerDocument).ToArray());
        log.Add(variant, "cpu_us_per_doc", imports.Select(import => import.CpuMicrosPerDocument).ToArray());
        log.Add(variant, "slice_growth_ratio", imports.Select(import => import.Slices[^1].WallMicrosPerDocument / import.Slices[0].WallMicrosPerDocument).ToArray());
        log.Add(variant, "cpu_slice_growth_ratio", imports.Select(import => import.Slices[^1].CpuMicrosPerDocument / import.Slices[0].CpuMicrosPerDocument).ToArray());
    }

    private static async Task<Import> ImportAsync(string store, bool grouping, CorpusGenerator generator, int count, int sliceCount)
    {
        string[] arguments = [$"--Stories:Enabled={(grouping ? "true" : "false")}"];
        SliceClock? clock = null;
        StoryCounts? stories = null;
        async Task Keep(BenchServer server)
        {
            if (grouping)
            {
                stories = await CountStoriesAsync(server.Client);
            }
        }

        var stats = store == "sqlite"
            ? await IngestScenario.IngestSqliteAsync(generator.Generate(count), count, Keep, arguments,
                server => (clock = new SliceClock(count, sliceCount, () => Processes.CpuSeconds(server.Pid))).Progress)
            : await IngestScenario.IngestPostgresAsync(generator.Generate(count), count, (_, server) => Keep(server), arguments,
                (postgres, server) => (clock = new SliceClock(count, sliceCount, () => Processes.CpuSeconds(server.Pid) + postgres.CpuSeconds())).Progress);
        return new Import(stats, clock!.Total(), clock.Cut(), stories);
    }

    /// <summary>Every story, a page of 1000 at a time: how many, how many near copies, the largest.</summary>
    private static async Task<StoryCounts> CountStoriesAsync(DocumentService.DocumentServiceClient client)
    {
        long stories = 0, copies = 0, largest = 0;
        var token = "";
        do
        {
            var page = await client.ListStoriesAsync(new ListStoriesRequest { PageSize = 1000, PageToken = token });
            foreach (var story in page.Stories)
            {
                stories++;
                copies += story.NearDuplicateCount;
                largest = Math.Max(largest, story.DocumentCount);
            }

            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return new StoryCounts(stories, copies, largest);
    }

    /// <summary>The stories an import with grouping on left.</summary>
    private sealed record StoryCounts(long Count, long NearCopies, long Largest);

    /// <summary>A stretch of an import: documents sent, wall seconds, CPU seconds.</summary>
    private sealed record Slice(long Documents, double Seconds, double CpuSeconds)
    {
        public double WallMicrosPerDocument => 1e6 * Seconds / Documents;

        public double CpuMicrosPerDocument => 1e6 * CpuSeconds / Documents;
    }

    /// <summary>One import: the importer's figures, the whole of it as the clock saw it, its slices, and its stories when grouped.</summary>
    private sealed record Import(ImportStats Stats, Slice Whole, IReadOnlyList<Slice> Slices, StoryCounts? Stories)
    {
        public double WallMicrosPerDocument => 1e6 / Stats.DocsPerSecond;

        public double CpuMicrosPerDocument => Whole.CpuMicrosPerDocument;
    }

    /// <summary>
    /// Notes the wall clock and <paramref name="cpuSeconds"/> after each import call (the importer reports after each
    /// call's answer), from just before the first send, and prints a progress line every tenth (as
    /// <see cref="CorpusCache.Progress"/> does) with the time so far and the rate since the previous line, so that a run
    /// stopped before its end still tells how the cost went.
    /// </summary>
    private sealed class SliceClock(int count, int sliceCount, Func<double> cpuSeconds)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly List<(long Done, double Seconds, double CpuSeconds)> _marks = [(0, 0, cpuSeconds())];
        private (long Done, double Seconds, double CpuSeconds) _printed = (0, 0, cpuSeconds());

        public void Progress(long done)
        {
            var mark = (Done: done, Seconds: _clock.Elapsed.TotalSeconds, CpuSeconds: cpuSeconds());
            _marks.Add(mark);
            if (done % Math.Max(Importer.DocumentsPerCall, count / 10) == 0)
            {
                var since = Between(_printed, mark);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {done}/{count} at {mark.Seconds:0} s: {since.Documents / since.Seconds:0} docs/s, {since.CpuMicrosPerDocument:0} µs CPU/doc since {_printed.Done}"));
                _printed = mark;
            }
        }

        public Slice Total() => Between(_marks[0], _marks[^1]);

        /// <summary>Cuts the marks at the first one at or past each of the equal parts (as many as the clock was made for) of the documents.</summary>
        public IReadOnlyList<Slice> Cut()
        {
            var slices = new List<Slice>();
            var from = _marks[0];
            for (var slice = 1; slice <= sliceCount; slice++)
            {
                var boundary = (long)count * slice / sliceCount;
                var to = _marks.First(mark => mark.Done >= boundary);
                slices.Add(Between(from, to));
                from = to;
            }

            return slices;
        }

        private static Slice Between((long Done, double Seconds, double CpuSeconds) from, (long Done, double Seconds, double CpuSeconds) to) =>
            new(to.Done - from.Done, to.Seconds - from.Seconds, to.CpuSeconds - from.CpuSeconds);
    }
}
