using System.Text;

namespace DocStream.Cli.Tests.Support;

/// <summary>What one run of the CLI left behind.</summary>
public sealed record CliResult(int ExitCode, byte[] OutputBytes, string Error)
{
    /// <summary>Standard output decoded as UTF-8.</summary>
    public string Output => Encoding.UTF8.GetString(OutputBytes);

    /// <summary>The non-empty lines of standard output.</summary>
    public string[] OutputLines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Both streams, for assertion messages.</summary>
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}

/// <summary>
/// Runs the CLI in process, through the same <see cref="CliApplication.RunAsync"/> that Program calls, with memory
/// streams for standard output and error and an environment of the test's choosing.
/// </summary>
public static class DocstreamCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs <c>docstream</c> with <paramref name="args"/>, standard output redirected, no environment variables.</summary>
    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(args, terminalWidth: null, environment: null);

    /// <summary>Runs <c>docstream</c> with <paramref name="args"/>, on a terminal of the given width when it is not null.</summary>
    public static async Task<CliResult> RunAsync(string[] args, int? terminalWidth, IReadOnlyDictionary<string, string>? environment)
    {
        using var output = new MemoryStream();
        await using var error = new StringWriter();
        var console = new CliConsole(output, error, terminalWidth, name => environment?.GetValueOrDefault(name));
        using var timeout = new CancellationTokenSource(Timeout);
        var exitCode = await CliApplication.RunAsync(args, console, timeout.Token);
        return new CliResult(exitCode, output.ToArray(), error.ToString());
    }
}
