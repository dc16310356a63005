using System.Globalization;
using System.Text.Json;
using DocStream.Bench.Load;
using DocStream.Testing;

namespace DocStream.Bench.Reporting;

/// <summary>One measured quantity of one variant, as appended to <c>bench/results/*.jsonl</c>.</summary>
/// <param name="Time">When the scenario finished (UTC, ISO 8601).</param>
/// <param name="Commit">The git commit measured (from <c>BENCH_COMMIT</c>, set by run.sh).</param>
/// <param name="Scenario">The scenario.</param>
/// <param name="Size">Corpus size label, e.g. 10k.</param>
/// <param name="Variant">What was measured, e.g. grpc or raw-h2.</param>
/// <param name="Metric">The quantity, e.g. docs_per_s.</param>
/// <param name="Median">Median over the runs.</param>
/// <param name="Min">Smallest run.</param>
/// <param name="Max">Largest run.</param>
/// <param name="Runs">Every run.</param>
/// <param name="LoadBefore">1-minute load average when the scenario started.</param>
/// <param name="LoadAfter">1-minute load average when it finished.</param>
public sealed record ResultRecord(
    string Time, string Commit, string Scenario, string Size, string Variant, string Metric,
    double Median, double Min, double Max, IReadOnlyList<double> Runs, double LoadBefore, double LoadAfter);

/// <summary>Collects a scenario's measurements, prints them as a table and appends them as JSON lines.</summary>
public sealed class ResultLog
{
    private readonly List<(string Variant, string Metric, Summary Value)> _values = [];
    private readonly string _scenario;
    private readonly string _size;
    private readonly double _loadBefore;

    /// <summary>Starts a log for <paramref name="scenario"/> at <paramref name="size"/>, noting the load average now.</summary>
    public ResultLog(string scenario, string size)
    {
        _scenario = scenario;
        _size = size;
        _loadBefore = LoadAverage();
        Console.WriteLine($"== {scenario} {size}: load average {_loadBefore.ToString("0.00", CultureInfo.InvariantCulture)} at start");
    }

    /// <summary>Where results are appended.</summary>
    public static string Directory => Environment.GetEnvironmentVariable("BENCH_RESULTS") ?? Path.Combine(RepositoryLayout.Root, "bench", "results");

    /// <summary>Records the runs of one quantity.</summary>
    public Summary Add(string variant, string metric, IReadOnlyList<double> runs)
    {
        var summary = Summary.Of(runs);
        _values.Add((variant, metric, summary));
        return summary;
    }

    /// <summary>True when a variant and metric have been recorded.</summary>
    public bool Has(string variant, string metric) => _values.Exists(value => value.Variant == variant && value.Metric == metric);

    /// <summary>Prints every variant as a row and every metric as a column, then appends the JSON lines.</summary>
    public void Finish()
    {
        var loadAfter = LoadAverage();
        var metrics = _values.Select(value => value.Metric).Distinct().ToArray();
        var variants = _values.Select(value => value.Variant).Distinct().ToArray();
        List<string[]> rows = [["variant", .. metrics]];
        foreach (var variant in variants)
        {
            rows.Add([variant, .. metrics.Select(metric =>
                _values.FirstOrDefault(value => value.Variant == variant && value.Metric == metric).Value?.Format(FormatOf(metric)) ?? "")]);
        }

        var widths = Enumerable.Range(0, rows[0].Length).Select(column => rows.Max(row => row[column].Length)).ToArray();
        Console.WriteLine();
        foreach (var row in rows)
        {
            Console.WriteLine(string.Join("  ", row.Select((cell, column) => column == 0 ? cell.PadRight(widths[column]) : cell.PadLeft(widths[column]))));
        }

        Console.WriteLine($"(median (min–max) of the runs; load average {_loadBefore.ToString("0.00", CultureInfo.InvariantCulture)} → {loadAfter.ToString("0.00", CultureInfo.InvariantCulture)})");
        System.IO.Directory.CreateDirectory(Directory);
        var time = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var commit = Environment.GetEnvironmentVariable("BENCH_COMMIT") ?? "unknown";
        var lines = _values.Select(value => JsonSerializer.Serialize(new ResultRecord(
            time, commit, _scenario, _size, value.Variant, value.Metric, value.Value.Median, value.Value.Min, value.Value.Max,
            value.Value.Runs, _loadBefore, loadAfter), ResultJsonContext.Default.ResultRecord));
        File.AppendAllLines(Path.Combine(Directory, _scenario + ".jsonl"), lines);
    }

    /// <summary>The 1-minute load average from /proc/loadavg.</summary>
    public static double LoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);

    private static string FormatOf(string metric) => metric.EndsWith("_ratio", StringComparison.Ordinal) ? "0.00" : metric.StartsWith("mb", StringComparison.Ordinal) ? "0.0" : "0";
}
