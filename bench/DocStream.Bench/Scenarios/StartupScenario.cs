using System.Diagnostics;
using DocStream.Bench.Corpus;
using DocStream.Bench.Hosting;
using DocStream.Bench.Reporting;

namespace DocStream.Bench.Scenarios;

/// <summary>
/// How long a server takes from launch until its health service reports SERVING on a loaded corpus, and how much
/// it reads to get there. Each run empties the page cache first where it may (as root), so the store and index come
/// from the disk as after a reboot; otherwise the runs are warm starts and are recorded as such.
/// </summary>
public static class StartupScenario
{
    /// <summary>Runs the scenario.</summary>
    public static async Task RunAsync(int count, string sizeLabel, int runs)
    {
        var directory = await CorpusCache.EnsureSqliteAsync(count);
        var log = new ResultLog("startup", sizeLabel);
        var seconds = new List<double>();
        var readMiB = new List<double>();
        var cold = true;
        for (var run = 0; run < runs; run++)
        {
            cold &= Processes.TryDropPageCache();
            var clock = Stopwatch.StartNew();
            await using var server = await BenchServer.StartAsync(directory);
            seconds.Add(clock.Elapsed.TotalSeconds);
            readMiB.Add(Processes.IoBytes(server.Pid, "rchar") / 1048576.0);
            Console.WriteLine($"  run {run + 1}/{runs}: SERVING after {seconds[^1]:0.00} s, {readMiB[^1]:0} MiB read");
        }

        var variant = cold ? "cold-page-cache" : "warm-page-cache";
        log.Add(variant, "seconds_to_serving", seconds);
        log.Add(variant, "read_mib", readMiB);
        log.Finish();
    }
}
