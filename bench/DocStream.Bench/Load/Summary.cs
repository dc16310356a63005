namespace DocStream.Bench.Load;

/// <summary>The median and spread of repeated measurements of one quantity.</summary>
/// <param name="Median">The median.</param>
/// <param name="Min">The smallest run.</param>
/// <param name="Max">The largest run.</param>
/// <param name="Runs">Every run, in the order measured.</param>
public sealed record Summary(double Median, double Min, double Max, IReadOnlyList<double> Runs)
{
    /// <summary>Summarises <paramref name="runs"/> (at least one).</summary>
    public static Summary Of(IReadOnlyList<double> runs)
    {
        var sorted = runs.Order().ToArray();
        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new Summary(median, sorted[0], sorted[^1], runs);
    }

    /// <summary>"median (min–max)", or just the value for a single run.</summary>
    public string Format(string format)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        var median = Median.ToString(format, culture);
        return Runs.Count == 1 ? median : string.Concat(median, " (", Min.ToString(format, culture), "–", Max.ToString(format, culture), ")");
    }
}
