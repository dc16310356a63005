using System.Security.Cryptography;
using System.Text;
using DocStream.Testing;

namespace DocStream.Clients.Tests;

/// <summary>The generated TypeScript and Python clients' examples against a server that needs an API key.</summary>
public sealed class ApiKeyClientsTests : IAsyncLifetime
{
    private const string Key = "clients-reader-key-6a1d";
    private const string Python = "/usr/bin/python3";
    private DocStreamServerProcess _server = null!;

    public async Task InitializeAsync() => _server = await DocStreamServerProcess.StartAsync(null,
        "--Auth:ApiKeys:0:Name=clients", "--Auth:ApiKeys:0:Role=reader",
        $"--Auth:ApiKeys:0:Sha256={Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Key)))}");

    public Task DisposeAsync() => _server.DisposeAsync().AsTask();

    [Fact]
    public async Task TypeScriptStreamTitles_KeyInEnvironment_PrintsTheTitlesAndWithoutItFails()
    {
        await TypeScriptClientTests.AssertBuiltAsync();
        var directory = Path.Combine(RepositoryLayout.Root, "clients", "typescript");

        var withKey = await ChildProcess.RunAsync("node", directory, ["dist/examples/stream-titles.js", _server.Address], Environment(Key));
        var withoutKey = await ChildProcess.RunAsync("node", directory, ["dist/examples/stream-titles.js", _server.Address], Environment(null));

        Assert.True(withKey.ExitCode == 0, withKey.Transcript);
        Assert.Contains(SampleTitles.Sample002, withKey.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, withoutKey.ExitCode);
        Assert.Contains("authorization: Bearer", withoutKey.Transcript, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PythonStreamTitles_KeyInEnvironment_PrintsTheTitlesAndWithoutItFails()
    {
        await PythonClientTests.AssertGeneratedAsync();
        var directory = Path.Combine(RepositoryLayout.Root, "clients", "python");

        var withKey = await ChildProcess.RunAsync(Python, directory, ["-m", "examples.stream_titles", _server.Address], Environment(Key));
        var withoutKey = await ChildProcess.RunAsync(Python, directory, ["-m", "examples.stream_titles", _server.Address], Environment(null));

        Assert.True(withKey.ExitCode == 0, withKey.Transcript);
        Assert.Contains(SampleTitles.Sample002, withKey.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, withoutKey.ExitCode);
        Assert.Contains("UNAUTHENTICATED", withoutKey.Transcript, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Environment(string? key)
    {
        var environment = new Dictionary<string, string> { ["PYTHONUTF8"] = "1", ["PYTHONDONTWRITEBYTECODE"] = "1" };
        if (key is not null)
        {
            environment["DOCSTREAM_API_KEY"] = key;
        }

        return environment;
    }
}
