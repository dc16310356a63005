using System.Text;
using DocStream.Cli;

// The console must decode what we write as UTF-8 (Windows code pages would garble Arabic); the CLI writes UTF-8 itself.
Console.OutputEncoding = Encoding.UTF8;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C stops the command cleanly; a second one ends the process at once.
    e.Cancel = !cancellation.IsCancellationRequested;
    cancellation.Cancel();
};

return await CliApplication.RunAsync(args, CliConsole.FromProcess(), cancellation.Token);
