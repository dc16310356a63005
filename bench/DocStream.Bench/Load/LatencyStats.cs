namespace DocStream.Bench.Load;

/// <summary>Percentiles of a set of latencies, computed exactly by sorting them (no histogram buckets).</summary>
/// <param name="Count">Number of samples.</param>
/// <param name="P50Micros">Median, in microseconds.</param>
/// <param name="P90Micros">90th percentile, in microseconds.</param>
/// <param name="P99Micros">99th percentile, in microseconds.</param>
/// <param name="MaxMicros">Largest sample, in microseconds.</param>
public sealed record LatencyStats(long Count, long P50Micros, long P90Micros, long P99Micros, long MaxMicros)
{
    /// <summary>Sorts <paramref name="micros"/> in place and reads the percentiles off it.</summary>
    public static LatencyStats From(long[] micros)
    {
        if (micros.Length == 0)
        {
            return new LatencyStats(0, 0, 0, 0, 0);
        }

        Array.Sort(micros);
        return new LatencyStats(micros.Length, At(micros, 0.50), At(micros, 0.90), At(micros, 0.99), micros[^1]);
    }

    /// <summary>The nearest-rank percentile <paramref name="quantile"/> of sorted <paramref name="sorted"/>.</summary>
    public static long At(long[] sorted, double quantile)
    {
        var rank = (int)Math.Ceiling(quantile * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
