using System.CommandLine;
using DocStream.Cli.Output;
using DocStream.Contracts.V1;
using Grpc.Core;

namespace DocStream.Cli.Commands;

/// <summary>
/// A command that talks to the server: reads <c>--address</c>, opens the channel, runs the command, and turns a
/// failed call into a short report on standard error and a non-zero exit code.
/// </summary>
internal abstract class ServerCommand : Command
{
    /// <summary>Creates the command and binds its action.</summary>
    protected ServerCommand(string name, string description, CliContext context)
        : base(name, description)
    {
        Context = context;
        SetAction(RunAsync);
    }

    /// <summary>What the commands share.</summary>
    protected CliContext Context { get; }

    /// <summary>The console to write to.</summary>
    protected CliConsole Console => Context.Console;

    /// <summary>Runs the command against the server; returns the exit code.</summary>
    protected abstract Task<int> ExecuteAsync(ParseResult parseResult, DocumentService.DocumentServiceClient client, CancellationToken cancellationToken);

    /// <summary>True when <paramref name="exception"/> is how a call stops once <paramref name="cancellationToken"/> (Ctrl+C) fired.</summary>
    protected static bool IsInterruption(Exception exception, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested && exception is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled };

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var address = parseResult.GetValue(Context.Address)!;
        if (ServerConnection.ParseAddress(address) is not { } uri)
        {
            await Console.Error.WriteLineAsync(
                $"docstream: the server address \"{address}\" is not an http:// or https:// URL; give one with --address URL or {CliApplication.AddressVariable}");
            return ExitCodes.Failure;
        }

        using var channel = ServerConnection.Open(uri);
        try
        {
            var calls = ServerConnection.WithApiKey(channel, parseResult.GetValue(Context.ApiKey));
            return await ExecuteAsync(parseResult, new DocumentService.DocumentServiceClient(calls), cancellationToken);
        }
        catch (Exception ex) when (IsInterruption(ex, cancellationToken))
        {
            await Console.Error.WriteLineAsync("docstream: cancelled");
            return ExitCodes.Cancelled;
        }
        catch (RpcException ex)
        {
            ErrorReport.Write(Console.Error, ex, address);
            return ExitCodes.Failure;
        }
        catch (InvalidDataException ex)
        {
            await Console.Error.WriteLineAsync($"docstream: the server at {address} sent a malformed document stream: {ex.Message}");
            return ExitCodes.Failure;
        }
    }
}
