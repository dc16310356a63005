using System.Security.Cryptography;
using System.Text;
using DocStream.Cli.Tests.Support;
using DocStream.Testing;

namespace DocStream.Cli.Tests;

/// <summary>The CLI against a server that needs credentials.</summary>
public sealed class ApiKeyTests : IAsyncLifetime
{
    private const string ReaderKey = "cli-reader-key-3b9e";
    private DocStreamServerProcess _server = null!;

    public async Task InitializeAsync() => _server = await DocStreamServerProcess.StartAsync(null,
        "--Auth:ApiKeys:0:Name=cli", "--Auth:ApiKeys:0:Role=reader",
        $"--Auth:ApiKeys:0:Sha256={Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ReaderKey)))}");

    public Task DisposeAsync() => _server.DisposeAsync().AsTask();

    [Fact]
    public async Task List_ApiKeyOption_IsSentAsBearer()
    {
        var result = await DocstreamCli.RunAsync("list", "--json", "--address", _server.Address, "--api-key", ReaderKey);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(5, result.OutputLines.Length);
    }

    [Fact]
    public async Task List_ApiKeyFromEnvironmentVariable_IsSentAsBearer()
    {
        var environment = new Dictionary<string, string> { ["DOCSTREAM_API_KEY"] = ReaderKey, ["DOCSTREAM_ADDRESS"] = _server.Address };

        var result = await DocstreamCli.RunAsync(["list", "--json"], terminalWidth: null, environment);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(5, result.OutputLines.Length);
    }

    [Fact]
    public async Task List_NoKey_SaysUnauthenticatedAndWhereTheKeyGoes()
    {
        var result = await DocstreamCli.RunAsync("list", "--address", _server.Address);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("docstream: UNAUTHENTICATED: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("reason: CREDENTIALS_MISSING", result.Error, StringComparison.Ordinal);
        Assert.Contains("DOCSTREAM_API_KEY (or --api-key KEY)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_ReaderKey_SaysPermissionDenied()
    {
        var result = await DocstreamCli.RunAsync("delete", "documents/00000000000000000000000000000000", "--address", _server.Address, "--api-key", ReaderKey);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("reason: ROLE_TOO_LOW", result.Error, StringComparison.Ordinal);
    }
}
