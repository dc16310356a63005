using System.Diagnostics;
using System.Text;

namespace DocStream.Clients.Tests;

/// <summary>What a finished child process returned and printed.</summary>
/// <param name="ExitCode">The process's exit code.</param>
/// <param name="Output">Standard output.</param>
/// <param name="Error">Standard error.</param>
internal sealed record ChildProcessResult(int ExitCode, string Output, string Error)
{
    /// <summary>Everything the process printed, for failure messages.</summary>
    public string Transcript => $"exit code {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
}

/// <summary>Runs another language's tool (npm, node, python3, buf) as a child process and collects what it prints.</summary>
internal static class ChildProcess
{
    public static async Task<ChildProcessResult> RunAsync(
        string fileName, string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        using var process = Start(fileName, workingDirectory, arguments, environment);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var limit = timeout ?? TimeSpan.FromMinutes(5);
        using var deadline = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} ran longer than {limit}:\n{await output}\n{await error}");
        }

        return new ChildProcessResult(process.ExitCode, await output, await error);
    }

    /// <summary>Starts <paramref name="fileName"/> with its standard output and error redirected, as UTF-8.</summary>
    public static Process Start(string fileName, string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
    }
}
