using DocStream.Testing;

namespace DocStream.Clients.Tests;

/// <summary>clients/typescript (generated with buf and protoc-gen-es, Connect's gRPC transport) against the real server.</summary>
[Collection(ServerCollection.Name)]
public class TypeScriptClientTests(SampleCorpusServerFixture fixture)
{
    private static readonly string PackageDirectory = Path.Combine(RepositoryLayout.Root, "clients", "typescript");

    // npm ci and the build (buf generate, then tsc) run once for the tests of this class.
    private static readonly Lazy<Task<ChildProcessResult>> Build = new(BuildAsync);

    [Fact]
    public async Task NodeTestSuite_AgainstRealServer_PassesEveryTest()
    {
        var run = await RunNodeAsync("--test", "--test-reporter=tap", "dist/test/");

        Assert.True(run.ExitCode == 0, run.Transcript);
        Assert.Matches(@"(?m)^# pass [1-9]", run.Output);
        Assert.Contains("# fail 0", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamTitlesExample_ServerAddressArgument_PrintsEverySampleTitle()
    {
        var run = await RunNodeAsync("dist/examples/stream-titles.js", fixture.Server.Address);

        Assert.True(run.ExitCode == 0, run.Transcript);
        await SampleTitles.AssertPrintedAsync(fixture.Server.Client, run.Output);
    }

    [Fact]
    public async Task WatchExample_SnapshotThenLiveChanges_PrintsEachEventWithLargeDocumentsWhole()
    {
        await AssertBuiltAsync();

        await WatchExampleScenarios.PrintsSnapshotThenLiveChangesWithLargeDocumentsWhole(StartWatchExample);
    }

    [Fact]
    public async Task WatchExample_ServerKilledAndRestarted_ReconnectsWithTheLastTokenWithNoDuplicateAndNoGap()
    {
        await AssertBuiltAsync();

        await WatchExampleScenarios.ReconnectsAfterServerRestartWithNoDuplicateAndNoGap(StartWatchExample);
    }

    [Fact]
    public async Task WatchExample_ServerRefusesTheWatch_FailsAtOnceWithTheServersError() =>
        WatchExampleScenarios.AssertFailedAtOnceWithTheServersError(await RunNodeAsync("dist/examples/watch.js", fixture.Server.Address, "--heartbeat", "0.05"));

    [Fact]
    public async Task WatchExample_NothingListens_GivesUpAfterItsRetries() =>
        WatchExampleScenarios.AssertGaveUpAfterOneRetry(await RunNodeAsync("dist/examples/watch.js", $"http://127.0.0.1:{LoopbackPort.Free()}", "--retries", "1"));

    private static RunningChildProcess StartWatchExample(string address, string[] arguments) =>
        RunningChildProcess.Start("node", PackageDirectory, ["dist/examples/watch.js", address, .. arguments]);

    internal static async Task AssertBuiltAsync()
    {
        var build = await Build.Value;
        Assert.True(build.ExitCode == 0, "npm ci or npm run build failed:\n" + build.Transcript);
    }

    private static async Task<ChildProcessResult> BuildAsync()
    {
        var install = await ChildProcess.RunAsync("npm", PackageDirectory, ["ci", "--no-audit", "--no-fund", "--loglevel=error"]);
        return install.ExitCode != 0 ? install : await ChildProcess.RunAsync("npm", PackageDirectory, ["run", "build"]);
    }

    private async Task<ChildProcessResult> RunNodeAsync(params string[] arguments)
    {
        await AssertBuiltAsync();
        return await ChildProcess.RunAsync(
            "node", PackageDirectory, arguments, new Dictionary<string, string> { ["DOCSTREAM_ADDRESS"] = fixture.Server.Address });
    }
}
