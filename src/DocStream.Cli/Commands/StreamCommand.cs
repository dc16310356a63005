using System.CommandLine;
using DocStream.Cli.Output;
using DocStream.Client;
using DocStream.Contracts.V1;
using Grpc.Core;

namespace DocStream.Cli.Commands;

/// <summary>
/// <c>docstream stream [--filter EXPR] [--view basic|parsed|raw|full] [--resume TOKEN] [--retries N]</c>: writes every
/// document as a JSON line <c>{"resume_token": "...", "document": {...}}</c>, large documents reassembled from their
/// chunks, and resumes by itself when the connection drops.
/// </summary>
internal sealed class StreamCommand : ServerCommand
{
    private readonly Option<string> _filter = new("--filter")
    {
        Description = "Only documents that match, with the syntax of list --filter",
        HelpName = "EXPR",
    };

    private readonly Option<string> _view = ViewOption.Create();

    private readonly Option<string> _resume = new("--resume")
    {
        Description = "Continue after the document of this resume_token (from an earlier stream with the same filter and view)",
        HelpName = "TOKEN",
    };

    private readonly Option<int> _retries = RetriesOption.Create(defaultRetries: 5);

    /// <summary>Creates the command.</summary>
    public StreamCommand(CliContext context)
        : base("stream", "Write every document as one JSON line, with its resume token", context)
    {
        Options.Add(_filter);
        Options.Add(_view);
        Options.Add(_resume);
        Options.Add(_retries);
    }

    /// <inheritdoc />
    protected override async Task<int> ExecuteAsync(ParseResult parseResult, DocumentService.DocumentServiceClient client, CancellationToken cancellationToken)
    {
        var request = new StreamDocumentsRequest
        {
            Filter = parseResult.GetValue(_filter) ?? "",
            View = ViewOption.ToContract(parseResult.GetValue(_view)!),
        };
        var stream = client.ResumingStreamDocuments(request, RetriesOption.ToResumeOptions(parseResult.GetValue(_retries), Console.Error));
        try
        {
            await foreach (var (document, resumeToken) in stream.ReadAsync(parseResult.GetValue(_resume) ?? "", cancellationToken))
            {
                await Console.Out.WriteLineAsync(DocumentJson.FormatStreamLine(document, resumeToken));
            }
        }
        catch (RpcException ex) when (stream.ReceivedAny)
        {
            ErrorReport.Write(Console.Error, ex, parseResult.GetValue(Context.Address)!);
            await Console.Error.WriteLineAsync($"docstream: to continue where this stream stopped, run it again with --resume {stream.ResumeToken}");
            return ExitCodes.Failure;
        }

        return ExitCodes.Success;
    }
}
