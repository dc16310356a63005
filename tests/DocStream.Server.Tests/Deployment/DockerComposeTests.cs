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
        var start = new ProcessStartInfo("docker-compose") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryLayout.Root };
        foreach (var argument in profile.Concat(["config", "--services"]))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = StartOrExplain(start);
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, error);
        Assert.Contains(service, output.Split('\n', StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task Config_EveryDocStreamContainer_GetsAnApiKeyHashFromTheEnvironment()
    {
        // The containers listen on 0.0.0.0: without credentials the server refuses to start there.
        var start = new ProcessStartInfo("docker-compose") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryLayout.Root };
        foreach (var argument in new[] { "--profile", "shared", "config" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOCSTREAM_ADMIN_KEY_SHA256"] = new string('a', 64);
        using var process = StartOrExplain(start);
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, error);
        Assert.Equal(3, output.Split('\n').Count(line => line.Trim() == $"Auth__ApiKeys__0__Sha256: {new string('a', 64)}"));
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
