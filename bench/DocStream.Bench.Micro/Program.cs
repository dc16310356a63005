using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// In process (no separately generated and built benchmark project), three short iterations: enough to compare allocations and rough times.
var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
    .WithArtifactsPath(Path.Combine(Environment.GetEnvironmentVariable("BENCH_ARTIFACTS") ?? Directory.GetCurrentDirectory(), "BenchmarkDotNet.Artifacts"));
BenchmarkSwitcher.FromAssembly(typeof(DocStream.Bench.Micro.ParserBenchmarks).Assembly).Run(args, config);
