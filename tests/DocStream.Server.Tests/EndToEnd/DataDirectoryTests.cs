using System.Diagnostics;
using DocStream.Testing;

namespace DocStream.Server.Tests.EndToEnd;

/// <summary>Where the quickstart keeps its data: relative paths resolve against the working directory.</summary>
public class DataDirectoryTests
{
    [Fact]
    public async Task Startup_RelativeDataDirectory_StoresUnderTheWorkingDirectoryAndImportsTheShippedSamples()
    {
        // The test server runs in its data directory as working directory; "data" then means <that>/data.
        await using var server = await DocStreamServerProcess.StartAsync(null, "--Storage:DataDirectory=data");

        var expected = Path.Combine(server.DataDirectory, "data");
        Assert.True(File.Exists(Path.Combine(expected, "docstream.db")), server.Output);
        Assert.Contains($"data directory {expected}", server.Output, StringComparison.Ordinal);
        Assert.Equal(5, (await server.Client.ListAllNamesAsync()).Count);
    }

    [Fact]
    public async Task DotnetRun_StartsTheServerInTheCallersDirectory()
    {
        var caller = Directory.CreateTempSubdirectory("docstream-caller-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = caller };
            foreach (var argument in new[] { "msbuild", Path.Combine(RepositoryLayout.Root, "src", "DocStream.Server", "DocStream.Server.csproj"), "-getProperty:RunWorkingDirectory" })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();

            Assert.Equal(Path.TrimEndingDirectorySeparator(caller), Path.TrimEndingDirectorySeparator(output.Trim()));
        }
        finally
        {
            Directory.Delete(caller, recursive: true);
        }
    }
}
