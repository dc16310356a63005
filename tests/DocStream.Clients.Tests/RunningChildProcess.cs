using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace DocStream.Clients.Tests;

/// <summary>
/// A child process whose standard output the test reads line by line while it runs (an example that watches), so the
/// test can act in between: create a document once the snapshot is printed, restart the server. Disposing it kills
/// the process if it is still running.
/// </summary>
internal sealed class RunningChildProcess : IDisposable
{
    /// <summary>How long a test waits for a line that should come, or for the process to exit.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _error = new();
    private readonly string _commandLine;

    private RunningChildProcess(Process process, string commandLine)
    {
        _process = process;
        _commandLine = commandLine;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _lines.Writer.Complete();
            }
            else
            {
                _lines.Writer.TryWrite(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (_error)
            {
                _error.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Standard error so far.</summary>
    public string Error
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="fileName"/> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>.</summary>
    public static RunningChildProcess Start(
        string fileName, string workingDirectory, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null) =>
        new(ChildProcess.Start(fileName, workingDirectory, arguments, environment), $"{fileName} {string.Join(' ', arguments)}");

    /// <summary>The next line of standard output; fails when none comes within <see cref="Patience"/> or the process ends first.</summary>
    public async Task<string> NextLineAsync()
    {
        using var wait = new CancellationTokenSource(Patience);
        try
        {
            return await _lines.Reader.ReadAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{_commandLine} printed no line within {Patience}; stderr:\n{Error}");
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException($"{_commandLine} ended its output instead of printing a line; stderr:\n{Error}");
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

    /// <summary>Waits for the process to exit by itself; returns its exit code and the output lines not read yet.</summary>
    public async Task<(int ExitCode, IReadOnlyList<string> UnreadLines)> WaitForExitAsync()
    {
        using var wait = new CancellationTokenSource(Patience);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{_commandLine} did not exit within {Patience}; stderr:\n{Error}");
        }

        var unread = new List<string>();
        await foreach (var line in _lines.Reader.ReadAllAsync())
        {
            unread.Add(line);
        }

        return (_process.ExitCode, unread);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
