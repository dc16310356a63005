using System.Text;
using Spectre.Console;

namespace DocStream.Cli;

/// <summary>
/// The standard streams and environment the commands write to and read from. The real process passes its own
/// (<see cref="FromProcess"/>); tests pass memory streams and a fake environment to run the CLI in process.
/// </summary>
public sealed class CliConsole
{
    /// <summary>UTF-8 without a byte order mark: what every text the CLI writes is encoded as.</summary>
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    private const int RedirectedWidth = 160;
    private const int UnknownTerminalWidth = 80;

    private readonly Func<string, string?> _environment;

    /// <summary>Creates a console over the given streams.</summary>
    /// <param name="output">Standard output as bytes; text goes through <see cref="Out"/>, raw document bytes straight here.</param>
    /// <param name="error">Standard error, for diagnostics and retry notices.</param>
    /// <param name="terminalWidth">The terminal's width when standard output is a terminal; null when it is redirected.</param>
    /// <param name="environment">Looks up an environment variable; null when it is not set.</param>
    public CliConsole(Stream output, TextWriter error, int? terminalWidth, Func<string, string?> environment)
    {
        OutputStream = output;
        Out = new StreamWriter(output, Utf8, bufferSize: 4096, leaveOpen: true) { AutoFlush = true };
        Error = error;
        TerminalWidth = terminalWidth;
        _environment = environment;
    }

    /// <summary>Standard output as bytes.</summary>
    public Stream OutputStream { get; }

    /// <summary>Standard output as UTF-8 text, flushed after every write so that JSON lines reach a pipe at once.</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error.</summary>
    public TextWriter Error { get; }

    /// <summary>The terminal's width when standard output is a terminal; null when it is redirected.</summary>
    public int? TerminalWidth { get; }

    /// <summary>True when standard output is a terminal (a person is watching), false for a pipe or a file.</summary>
    public bool IsOutputTerminal => TerminalWidth is not null;

    /// <summary>The console of this process: its standard output and error, its terminal, its environment.</summary>
    public static CliConsole FromProcess()
    {
        var error = new StreamWriter(Console.OpenStandardError(), Utf8) { AutoFlush = true };
        // A pseudo-terminal that does not report its size answers 0.
        int? width = Console.IsOutputRedirected ? null : Console.WindowWidth > 0 ? Console.WindowWidth : UnknownTerminalWidth;
        return new CliConsole(Console.OpenStandardOutput(), error, width, Environment.GetEnvironmentVariable);
    }

    /// <summary>Returns the value of the environment variable <paramref name="name"/>, or null when it is not set.</summary>
    public string? GetEnvironmentVariable(string name) => _environment(name);

    /// <summary>Writes <paramref name="bytes"/> to standard output exactly as they are, after any text already written.</summary>
    public async Task WriteRawAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await Out.FlushAsync(cancellationToken);
        await OutputStream.WriteAsync(bytes, cancellationToken);
        await OutputStream.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// A Spectre.Console console on standard output: colours, live progress and the terminal's width when it is a
    /// terminal; plain text, no escape codes and a wide fixed width when it is redirected.
    /// </summary>
    public IAnsiConsole CreateAnsiConsole()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Out),
            Ansi = IsOutputTerminal ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = IsOutputTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = IsOutputTerminal ? InteractionSupport.Yes : InteractionSupport.No,
        });
        console.Profile.Width = TerminalWidth ?? RedirectedWidth;
        return console;
    }
}
