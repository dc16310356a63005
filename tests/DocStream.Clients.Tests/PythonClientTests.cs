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

    private async Task<ChildProcessResult> RunPythonAsync(params string[] arguments)
    {
        var generate = await Generate.Value;
        Assert.True(generate.ExitCode == 0, "generate.sh failed:\n" + generate.Transcript);
        return await ChildProcess.RunAsync(
            Python,
            PackageDirectory,
            arguments,
            new Dictionary<string, string>
            {
                ["DOCSTREAM_ADDRESS"] = fixture.Server.Address,
                ["PYTHONUTF8"] = "1",
                ["PYTHONDONTWRITEBYTECODE"] = "1",
            });
    }
}
