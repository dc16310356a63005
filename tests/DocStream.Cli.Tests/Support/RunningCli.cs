using System.IO.Pipelines;
using System.Text;
using System.Threading.Channels;

namespace DocStream.Cli.Tests.Support;

/// <summary>
/// A command that runs until Ctrl+C (<c>watch</c>), run in process in the background like <see cref="DocstreamCli"/>
/// runs the others: the test reads standard output line by line as the command writes it, acts in between (creates a
/// document, restarts the server), and ends it with <see cref="InterruptAsync"/>, which is what Ctrl+C does.
/// </summary>
public sealed class RunningCli : IAsyncDisposable
{
    /// <summary>How long a test waits for a line that should come.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    // Ends a command that a failed test left running.
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(3);

    private readonly Pipe _output = new();
    private readonly StringWriter _errorText = new();
    private readonly TextWriter _error;
    private readonly CancellationTokenSource _interrupt = new(RunLimit);
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly Task<int> _run;
    private readonly Task _reading;

    private RunningCli(string[] args)
    {
        // The command writes standard error from whichever thread it is on while the test may read it.
        _error = TextWriter.Synchronized(_errorText);
        var console = new CliConsole(_output.Writer.AsStream(), _error, terminalWidth: null, _ => null);
        _run = Task.Run(() => RunAsync(args, console));
        _reading = Task.Run(ReadLinesAsync);
    }

    /// <summary>Standard error so far.</summary>
    public string Error
    {
        get
        {
            lock (_error)
            {
                return _errorText.ToString();
            }
        }
    }

    /// <summary>Starts <c>docstream</c> with <paramref name="args"/>, standard output redirected, no environment variables.</summary>
    public static RunningCli Start(params string[] args) => new(args);

    /// <summary>The next line of standard output; fails when none comes within <see cref="Patience"/> or the command exits first.</summary>
    public async Task<string> NextLineAsync()
    {
        using var wait = new CancellationTokenSource(Patience);
        try
        {
            return await _lines.Reader.ReadAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No line on standard output within {Patience}; standard error:\n{Error}");
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException($"The command exited with code {await _run} instead of writing a line; standard error:\n{Error}");
        }
    }

    /// <summary>The lines up to and including the first that <paramref name="last"/> accepts.</summary>
    public async Task<List<string>> LinesUntilAsync(Func<string, bool> last)
    {
        var lines = new List<string>();
        do
        {
            lines.Add(await NextLineAsync());
        }
        while (!last(lines[^1]));

        return lines;
    }

    /// <summary>
    /// Presses Ctrl+C and waits for the command to exit; the result's output holds the lines the test had not read.
    /// </summary>
    public async Task<CliResult> InterruptAsync()
    {
        await _interrupt.CancelAsync();
        var exitCode = await _run;
        await _reading;
        var unread = new StringBuilder();
        while (_lines.Reader.TryRead(out var line))
        {
            unread.Append(line).Append('\n');
        }

        return new CliResult(exitCode, Encoding.UTF8.GetBytes(unread.ToString()), Error);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await InterruptAsync();
        _interrupt.Dispose();
    }

    private async Task<int> RunAsync(string[] args, CliConsole console)
    {
        try
        {
            return await CliApplication.RunAsync(args, console, _interrupt.Token);
        }
        finally
        {
            await _output.Writer.CompleteAsync();
        }
    }

    private async Task ReadLinesAsync()
    {
        using var reader = new StreamReader(_output.Reader.AsStream(), Encoding.UTF8);
        while (await reader.ReadLineAsync() is { } line)
        {
            await _lines.Writer.WriteAsync(line);
        }

        _lines.Writer.Complete();
    }
}
