using System.CommandLine;
using System.Runtime.CompilerServices;
using DocStream.Cli.Output;
using DocStream.Cli.Streaming;
using DocStream.Client;
using DocStream.Contracts.V1;
using Grpc.Core;

namespace DocStream.Cli.Commands;

/// <summary>
/// <c>docstream stream [--filter EXPR] [--view basic|full] [--resume TOKEN] [--retries N]</c>: writes every
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

    private readonly Option<int> _retries = new("--retries")
    {
        Description = "How many times in a row to reconnect and resume when the connection drops",
        DefaultValueFactory = _ => 5,
        HelpName = "N",
    };

    /// <summary>Creates the command.</summary>
    public StreamCommand(CliContext context)
        : base("stream", "Write every document as one JSON line, with its resume token", context)
    {
        Options.Add(_filter);
        Options.Add(_view);
        Options.Add(_resume);
        Options.Add(_retries);
        Validators.Add(result =>
        {
            if (result.GetValue(_retries) < 0)
            {
                result.AddError("--retries must be 0 or more");
            }
        });
    }

    /// <inheritdoc />
    protected override async Task<int> ExecuteAsync(ParseResult parseResult, DocumentService.DocumentServiceClient client, CancellationToken cancellationToken)
    {
        var request = new StreamDocumentsRequest
        {
            Filter = parseResult.GetValue(_filter) ?? "",
            View = ViewOption.ToContract(parseResult.GetValue(_view)!),
        };
        var stream = new ResumingDocumentStream(
            (token, ct) => OpenAsync(client, request, token, ct),
            parseResult.GetValue(_retries),
            Console.Error);
        try
        {
            await foreach (var (document, resumeToken) in stream.ReadAsync(parseResult.GetValue(_resume) ?? "", cancellationToken))
            {
                await Console.Out.WriteLineAsync(DocumentJson.FormatStreamLine(document, resumeToken));
            }
        }
        catch (RpcException ex) when (stream.ResumeToken.Length > 0)
        {
            ErrorReport.Write(Console.Error, ex, parseResult.GetValue(Context.Address)!);
            await Console.Error.WriteLineAsync($"docstream: to continue where this stream stopped, run it again with --resume {stream.ResumeToken}");
            return ExitCodes.Failure;
        }

        return ExitCodes.Success;
    }

    private static async IAsyncEnumerable<(Document Document, string ResumeToken)> OpenAsync(
        DocumentService.DocumentServiceClient client, StreamDocumentsRequest request, string resumeToken, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var resumed = request.Clone();
        resumed.ResumeToken = resumeToken;
        using var call = client.StreamDocuments(resumed, cancellationToken: cancellationToken);
        await foreach (var item in call.ResponseStream.ReadDocumentsAsync(cancellationToken))
        {
            yield return item;
        }
    }
}
