using DocStream.Cli.Tests.Support;
using DocStream.Testing;

namespace DocStream.Cli.Tests;

[Collection(SampleServerCollection.Name)]
public sealed class AddressTests(SampleCorpusServerFixture fixture)
{
    [Theory]
    [InlineData("list")]
    [InlineData("get", "documents/00000000000000000000000000000000")]
    [InlineData("stream")]
    [InlineData("watch")]
    [InlineData("delete", "documents/00000000000000000000000000000000")]
    public async Task AnyCommand_NothingListensAtAddress_SaysSoNamingTheAddressWithoutStackTrace(params string[] command)
    {
        var address = $"http://127.0.0.1:{LoopbackPort.Free()}";

        var result = await DocstreamCli.RunAsync([.. command, "--address", address], terminalWidth: null, environment: null);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.StartsWith($"docstream: cannot reach the DocStream server at {address} (", result.Error, StringComparison.Ordinal);
        Assert.Contains("--address URL or DOCSTREAM_ADDRESS", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.OutputBytes);
    }

    [Fact]
    public async Task List_AddressFromEnvironmentVariable_TalksToThatServer()
    {
        var environment = new Dictionary<string, string> { ["DOCSTREAM_ADDRESS"] = fixture.Address };

        var result = await DocstreamCli.RunAsync(["list", "--json"], terminalWidth: null, environment);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(5, result.OutputLines.Length);
    }

    [Fact]
    public async Task List_AddressOptionAndEnvironmentVariable_OptionWins()
    {
        var environment = new Dictionary<string, string> { ["DOCSTREAM_ADDRESS"] = $"http://127.0.0.1:{LoopbackPort.Free()}" };

        var result = await DocstreamCli.RunAsync(["--address", fixture.Address, "list", "--json"], terminalWidth: null, environment);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(5, result.OutputLines.Length);
    }

    [Fact]
    public async Task List_AddressNotAUrl_SaysWhatIsWrong()
    {
        var result = await DocstreamCli.RunAsync("list", "--address", "localhost:50051");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal(
            "docstream: the server address \"localhost:50051\" is not an http:// or https:// URL; give one with --address URL or DOCSTREAM_ADDRESS",
            result.Error.Trim());
    }
}
