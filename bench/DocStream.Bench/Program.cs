using System.Diagnostics;
using System.Globalization;
using DocStream.Bench.Corpus;
using DocStream.Bench.Hosting;
using DocStream.Bench.Scenarios;

// DocStream.Bench SCENARIO [SIZE] [--runs N] [--seconds S] [--raw-from SIZE]; see bench/README.md.
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: DocStream.Bench stream|unary|ingest|postgres|memory|startup|search|watch|stories|generate [SIZE] [--runs N] [--seconds S]");
    return 2;
}

// run.sh sets this for the driver, the client side of every scenario; the servers it starts inherit the environment
// and must run with their own defaults.
Environment.SetEnvironmentVariable("DOTNET_GCgen0size", null);

if (args[0] == "serve-baselines")
{
    await BaselineHost.RunAsync(args[1..]);
    return 0;
}

var positional = args.Skip(1).TakeWhile(arg => !arg.StartsWith("--", StringComparison.Ordinal)).ToArray();
var sizeLabel = positional.FirstOrDefault() ?? "10k";
var count = CorpusCache.ParseSize(sizeLabel);
var runs = Option("--runs", 3);
var seconds = Option("--seconds", 10);
switch (args[0])
{
    case "stream": await StreamScenario.RunAsync(count, sizeLabel, runs, SizeOption("--raw-from")); break;
    case "unary": await UnaryScenario.RunAsync(count, sizeLabel, runs, seconds); break;
    // --only sqlite|sqlite-two-cores|postgres|sqlite-grouping runs that import alone, without the stages.
    case "ingest": await IngestScenario.RunAsync(count, sizeLabel, runs, TextOption("--only")); break;
    case "postgres": await PostgresScenario.RunAsync(count, sizeLabel, runs); break;
    case "memory": await MemoryScenario.RunAsync(count, sizeLabel, runs); break;
    case "startup": await StartupScenario.RunAsync(count, sizeLabel, runs); break;
    case "search": await SearchScenario.RunAsync(count, sizeLabel, runs, seconds); break;
    // The watch scenario's --seconds is how long each latency measurement creates, at 20 creates a second; --only
    // catchup|idle|latency runs one of its parts.
    case "watch": await WatchScenario.RunAsync(count, sizeLabel, runs, Option("--seconds", 15), TextOption("--only")); break;
    // The stories scenario imports with grouping on and off; --only sqlite|postgres runs one store.
    case "stories": await StoriesScenario.RunAsync(count, sizeLabel, runs, TextOption("--only")); break;
    case "generate": Generate(count); break;
    default:
        Console.Error.WriteLine($"unknown scenario {args[0]}");
        return 2;
}

return 0;

int? SizeOption(string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? CorpusCache.ParseSize(args[at + 1]) : null;
}

string? TextOption(string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

// Generates the corpus without sending it: its size spread and the client's generation speed.
static void Generate(int count)
{
    var stopwatch = Stopwatch.StartNew();
    long total = 0, large = 0;
    var buckets = new long[4];
    foreach (var document in CorpusCache.Generator().Generate(count))
    {
        var length = document.Content.Length;
        total += length;
        large += length >= CorpusGenerator.LargeBytes ? 1 : 0;
        buckets[length < 4096 ? 0 : length < 16384 ? 1 : length < 65536 ? 2 : 3]++;
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{count} documents, {total / 1048576.0:0.0} MiB, mean {total / (double)count / 1024:0.0} KiB; <4 KiB {buckets[0]}, 4–16 KiB {buckets[1]}, 16–64 KiB {buckets[2]}, ≥64 KiB {buckets[3]} ({large} of 5 MiB); generated at {count / stopwatch.Elapsed.TotalSeconds:0} docs/s, {total / 1048576.0 / stopwatch.Elapsed.TotalSeconds:0} MiB/s"));
}
