using System.Diagnostics;

namespace DocStream.Bench.Load;

/// <summary>What one load run measured.</summary>
/// <param name="Calls">Calls completed in the measured window.</param>
/// <param name="Errors">Calls that threw in the measured window.</param>
/// <param name="Elapsed">Length of the measured window.</param>
/// <param name="Latencies">Latency of each successful call, in microseconds.</param>
public sealed record LoadResult(long Calls, long Errors, TimeSpan Elapsed, LatencyStats Latencies)
{
    /// <summary>Successful calls per second.</summary>
    public double CallsPerSecond => Calls / Elapsed.TotalSeconds;
}

/// <summary>
/// A closed-loop load generator: <c>concurrency</c> callers each issue one call, wait for it, and issue the next,
/// for a warm-up period (not recorded) and then a fixed measured duration, with a hard cap on the number of calls.
/// </summary>
public static class LoadDriver
{
    /// <summary>Runs <paramref name="call"/> from <paramref name="concurrency"/> callers.</summary>
    /// <param name="concurrency">Number of concurrent callers.</param>
    /// <param name="warmUp">Time spent calling before recording starts.</param>
    /// <param name="duration">Length of the recorded window.</param>
    /// <param name="maxCallsPerCaller">Stops a caller after this many recorded calls even if time remains.</param>
    /// <param name="call">One call; receives the caller's number and its call counter.</param>
    public static async Task<LoadResult> RunAsync(
        int concurrency, TimeSpan warmUp, TimeSpan duration, int maxCallsPerCaller, Func<int, long, Task> call)
    {
        var start = Stopwatch.GetTimestamp();
        var recordFrom = start + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
        var stopAt = recordFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var perCaller = new List<long>[concurrency];
        var errors = new long[concurrency];
        var callers = Enumerable.Range(0, concurrency).Select(caller => Task.Run(async () =>
        {
            var latencies = new List<long>(capacity: 1024);
            perCaller[caller] = latencies;
            for (long n = 0; latencies.Count < maxCallsPerCaller; n++)
            {
                var before = Stopwatch.GetTimestamp();
                if (before >= stopAt)
                {
                    break;
                }

                try
                {
                    await call(caller, n);
                    var after = Stopwatch.GetTimestamp();
                    if (before >= recordFrom && after <= stopAt)
                    {
                        latencies.Add((after - before) * 1_000_000 / Stopwatch.Frequency);
                    }
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    if (before >= recordFrom)
                    {
                        errors[caller]++;
                    }
                }
            }
        })).ToArray();
        await Task.WhenAll(callers);
        var end = Math.Min(Stopwatch.GetTimestamp(), stopAt);
        var all = perCaller.SelectMany(latencies => latencies).ToArray();
        var elapsed = TimeSpan.FromSeconds((double)(end - recordFrom) / Stopwatch.Frequency);
        return new LoadResult(all.Length, errors.Sum(), elapsed, LatencyStats.From(all));
    }
}
