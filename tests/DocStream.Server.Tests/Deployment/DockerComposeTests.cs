using System.Diagnostics;
using DocStream.Testing;

namespace DocStream.Server.Tests.Deployment;

public class DockerComposeTests
{
    [Theory]
    [InlineData("docstream")]
    [InlineData("docstream-a", "--profile", "shared")]
    public async Task Config_EachProfile_IsValidAndDefinesTheService(string service, params string[] profile)
    {
        var (exitCode, output, error) = await ComposeAsync(null, [.. profile, "config", "--services"]);

        Assert.True(exitCode == 0, error);
        Assert.Contains(service, output.Split('\n', StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task Config_EveryDocStreamContainer_GetsAnApiKeyHashFromTheEnvironment()
    {
        // The containers listen on 0.0.0.0: without credentials the server refuses to start there.
        var (exitCode, output, error) = await ComposeAsync(new string('a', 64), ["--profile", "shared", "config"]);

        Assert.True(exitCode == 0, error);
        Assert.Equal(3, output.Split('\n').Count(line => line.Trim() == $"Auth__ApiKeys__0__Sha256: {new string('a', 64)}"));
    }

    /// <summary>Runs docker-compose in the repository with <paramref name="arguments"/>, the admin key hash set when given.</summary>
    private static async Task<(int ExitCode, string Output, string Error)> ComposeAsync(string? adminKeySha256, string[] arguments)
    {
        var start = new ProcessStartInfo("docker-compose") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryLayout.Root };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (adminKeySha256 is not null)
        {
            start.Environment["DOCSTREAM_ADMIN_KEY_SHA256"] = adminKeySha256;
        }

        using var process = StartOrExplain(start);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    private static Process StartOrExplain(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception missing)
        {
            throw new InvalidOperationException(
                "docker-compose is not installed: these tests validate docker-compose.yml with \"docker-compose config\" " +
                "(no Docker engine needed). Install Debian's docker-compose package; .ci/run does.", missing);
        }
    }

    [Fact]
    public void Dockerfile_RunsAsNonRootUser()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryLayout.Root, "src", "DocStream.Server", "Dockerfile"));

        Assert.Equal("USER $APP_UID", lines.Last(line => line.StartsWith("USER ", StringComparison.Ordinal)));
    }
}
