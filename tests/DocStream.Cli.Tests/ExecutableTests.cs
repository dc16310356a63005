using DocStream.Testing;
using System.Diagnostics;
using System.Text;
using DocStream.Cli.Tests.Support;

namespace DocStream.Cli.Tests;

/// <summary>
/// The built <c>docstream</c> program run as a process, as a user runs it: checks what only the real entry point
/// does (the process's own standard output, its encoding, its exit code). Everything else runs in process.
/// </summary>
[Collection(SampleServerCollection.Name)]
public sealed class ExecutableTests(SampleCorpusServerFixture fixture)
{
    private static readonly string Program = Path.Combine(AppContext.BaseDirectory, "docstream.dll");

    [Fact]
    public async Task Executable_GetRaw_WritesTheExactBytesToStandardOutput()
    {
        var sample = Samples.All[4];

        var (exitCode, output, error) = await RunAsync("get", sample.Name, "--raw", "--address", fixture.Address);

        Assert.True(exitCode == 0, error);
        Assert.Equal(sample.Bytes, output);
    }

    [Fact]
    public async Task Executable_GetJson_WritesArabicAsUtf8()
    {
        var sample = Samples.All[2];

        var (exitCode, output, error) = await RunAsync("get", sample.Name, "--view", "basic", "--address", fixture.Address);

        Assert.True(exitCode == 0, error);
        Assert.Contains("\"title\": \"بوتين يعرض المساعدة لإنهاء التصعيد في المنطقة\"", new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(output), StringComparison.Ordinal);
        Assert.NotEqual(0xEF, output[0]);
    }

    [Fact]
    public async Task Executable_UnknownCommand_ExitsNonZeroWithUsageError()
    {
        var (exitCode, _, error) = await RunAsync("fetch");

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.Contains("fetch", error, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, byte[] Output, string Error)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Program);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("DOCSTREAM_ADDRESS");
        using var process = Process.Start(start)!;
        using var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        await copy;
        return (process.ExitCode, output.ToArray(), await error);
    }
}
