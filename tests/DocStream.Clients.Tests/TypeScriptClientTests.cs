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

    private static async Task<ChildProcessResult> BuildAsync()
    {
        var install = await ChildProcess.RunAsync("npm", PackageDirectory, ["ci", "--no-audit", "--no-fund", "--loglevel=error"]);
        return install.ExitCode != 0 ? install : await ChildProcess.RunAsync("npm", PackageDirectory, ["run", "build"]);
    }

    private async Task<ChildProcessResult> RunNodeAsync(params string[] arguments)
    {
        var build = await Build.Value;
        Assert.True(build.ExitCode == 0, "npm ci or npm run build failed:\n" + build.Transcript);
        return await ChildProcess.RunAsync(
            "node", PackageDirectory, arguments, new Dictionary<string, string> { ["DOCSTREAM_ADDRESS"] = fixture.Server.Address });
    }
}
