using System.CommandLine;
using DocStream.Cli.Output;
using DocStream.Client;
using DocStream.Contracts.V1;
using Grpc.Core;

namespace DocStream.Cli.Commands;

/// <summary>
/// <c>docstream get NAME [--view basic|parsed|raw|full] [--raw]</c>: prints one document as JSON, or with <c>--raw</c> only its
/// raw text, byte for byte. A document too large for one message is read through BatchGetDocuments, which sends it
/// in chunks.
/// </summary>
internal sealed class GetCommand : ServerCommand
{
    private const string TooLargeReason = "DOCUMENT_TOO_LARGE_FOR_MESSAGE";

    private readonly Argument<string> _name = new("name") { Description = "The document's name, documents/{id}, or just its id" };
    private readonly Option<string> _view = ViewOption.Create();
    private readonly Option<bool> _raw = new("--raw") { Description = "Print only the raw text, exactly as it was imported" };

    /// <summary>Creates the command.</summary>
    public GetCommand(CliContext context)
        : base("get", "Print one document as JSON", context)
    {
        Arguments.Add(_name);
        Options.Add(_view);
        Options.Add(_raw);
        Validators.Add(result =>
        {
            if (result.GetValue(_raw) && result.GetValue(_view) is { } view && !ViewOption.HasRawText(view))
            {
                result.AddError($"--raw prints the raw text, which only the full and raw views have; leave out --view {view}");
            }
        });
    }

    /// <inheritdoc />
    protected override async Task<int> ExecuteAsync(ParseResult parseResult, DocumentService.DocumentServiceClient client, CancellationToken cancellationToken)
    {
        var name = DocumentNames.Normalize(parseResult.GetValue(_name)!);
        var view = ViewOption.ToContract(parseResult.GetValue(_view)!);
        var document = await GetAsync(client, name, view, cancellationToken);
        if (document is null)
        {
            await Console.Error.WriteLineAsync($"docstream: NOT_FOUND: {name} does not exist");
            return ExitCodes.Failure;
        }

        if (parseResult.GetValue(_raw))
        {
            await Console.WriteRawAsync(document.RawContent.Memory, cancellationToken);
        }
        else
        {
            await Console.Out.WriteLineAsync(DocumentJson.Format(document, indented: true));
        }

        return ExitCodes.Success;
    }

    /// <summary>
    /// Reads the document with GetDocument, or, when it is too large for a unary answer, with BatchGetDocuments.
    /// Null when it was deleted between the two calls.
    /// </summary>
    private static async Task<Document?> GetAsync(DocumentService.DocumentServiceClient client, string name, DocumentView view, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetDocumentAsync(new GetDocumentRequest { Name = name, View = view }, cancellationToken: cancellationToken);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.FailedPrecondition && ErrorReport.Reason(ex) == TooLargeReason)
        {
            using var call = client.BatchGetDocuments(new BatchGetDocumentsRequest { Names = { name }, View = view }, cancellationToken: cancellationToken);
            await foreach (var (_, document) in call.ResponseStream.ReadResultsAsync(cancellationToken))
            {
                return document;
            }

            throw new InvalidDataException($"BatchGetDocuments answered nothing for {name}.");
        }
    }
}
