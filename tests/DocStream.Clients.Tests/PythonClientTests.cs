using DocStream.Testing;

namespace DocStream.Clients.Tests;

/// <summary>clients/python (generated with Debian's protoc and grpc_python_plugin) against the real server.</summary>
[Collection(ServerCollection.Name)]
public class PythonClientTests(SampleCorpusServerFixture fixture)
{
    /// <summary>Debian's Python, which python3-grpcio and python3-protobuf serve (a pyenv python3 may come first on PATH).</summary>
    private const string Python = "/usr/bin/python3";

    private static readonly string PackageDirectory = Path.Combine(RepositoryLayout.Root, "clients", "python");

    // generate.sh runs once for the tests of this class.
    private static readonly Lazy<Task<ChildProcessResult>> Generate =
        new(() => ChildProcess.RunAsync("bash", PackageDirectory, ["generate.sh"]));

    [Fact]
    public async Task UnittestSuite_AgainstRealServer_PassesEveryTest()
    {
        var run = await RunPythonAsync("-m", "unittest", "discover", "--start-directory", "tests", "--top-level-directory", ".", "--verbose");

        Assert.True(run.ExitCode == 0, run.Transcript);
        Assert.Matches(@"(?m)^Ran [1-9]\d* tests? in", run.Error);
        Assert.Matches(@"(?m)^OK$", run.Error);
    }

    [Fact]
    public async Task StreamTitlesExample_ServerAddressArgument_PrintsEverySampleTitle()
    {
        var run = await RunPythonAsync("-m", "examples.stream_titles", fixture.Server.Address);

        Assert.True(run.ExitCode == 0, run.Transcript);
        await SampleTitles.AssertPrintedAsync(fixture.Server.Client, run.Output);
    }

    [Fact]
    public async Task WatchExample_SnapshotThenLiveChanges_PrintsEachEventWithLargeDocumentsWhole()
    {
        await AssertGeneratedAsync();

        await WatchExampleScenarios.PrintsSnapshotThenLiveChangesWithLargeDocumentsWhole(StartWatchExample);
    }

    [Fact]
    public async Task WatchExample_ServerKilledAndRestarted_ReconnectsWithTheLastTokenWithNoDuplicateAndNoGap()
    {
        await AssertGeneratedAsync();

        await WatchExampleScenarios.ReconnectsAfterServerRestartWithNoDuplicateAndNoGap(StartWatchExample);
    }

    [Fact]
    public async Task WatchExample_ServerRefusesTheWatch_FailsAtOnceWithTheServersError() =>
        WatchExampleScenarios.AssertFailedAtOnceWithTheServersError(await RunPythonAsync("-m", "examples.watch", fixture.Server.Address, "--heartbeat", "0.05"));

    [Fact]
    public async Task WatchExample_NothingListens_GivesUpAfterItsRetries() =>
        WatchExampleScenarios.AssertGaveUpAfterOneRetry(await RunPythonAsync("-m", "examples.watch", $"http://127.0.0.1:{LoopbackPort.Free()}", "--retries", "1"));

    private static RunningChildProcess StartWatchExample(string address, string[] arguments) =>
        RunningChildProcess.Start(Python, PackageDirectory, ["-m", "examples.watch", address, .. arguments], PythonEnvironment(address));

    internal static async Task AssertGeneratedAsync()
    {
        var generate = await Generate.Value;
        Assert.True(generate.ExitCode == 0, "generate.sh failed:\n" + generate.Transcript);
    }

    /// <summary>UTF-8 standard streams whatever the locale, and no __pycache__ left in the repository.</summary>
    private static Dictionary<string, string> PythonEnvironment(string address) => new()
    {
        ["DOCSTREAM_ADDRESS"] = address,
        ["PYTHONUTF8"] = "1",
        ["PYTHONDONTWRITEBYTECODE"] = "1",
    };

    private async Task<ChildProcessResult> RunPythonAsync(params string[] arguments)
    {
        await AssertGeneratedAsync();
        return await ChildProcess.RunAsync(Python, PackageDirectory, arguments, PythonEnvironment(fixture.Server.Address));
    }
}
