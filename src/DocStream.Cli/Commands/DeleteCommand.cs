using System.CommandLine;
using DocStream.Contracts.V1;

namespace DocStream.Cli.Commands;

/// <summary><c>docstream delete NAME [--etag ETAG] [--allow-missing]</c>: deletes one document.</summary>
internal sealed class DeleteCommand : ServerCommand
{
    private readonly Argument<string> _name = new("name") { Description = "The document's name, documents/{id}, or just its id" };
    private readonly Option<string> _etag = new("--etag") { Description = "Delete only if the document still has this etag (from get); fails with ABORTED otherwise" };
    private readonly Option<bool> _allowMissing = new("--allow-missing") { Description = "Succeed when the document does not exist" };

    /// <summary>Creates the command.</summary>
    public DeleteCommand(CliContext context)
        : base("delete", "Delete one document", context)
    {
        Arguments.Add(_name);
        Options.Add(_etag);
        Options.Add(_allowMissing);
    }

    /// <inheritdoc />
    protected override async Task<int> ExecuteAsync(ParseResult parseResult, DocumentService.DocumentServiceClient client, CancellationToken cancellationToken)
    {
        var name = DocumentNames.Normalize(parseResult.GetValue(_name)!);
        var allowMissing = parseResult.GetValue(_allowMissing);
        await client.DeleteDocumentAsync(
            new DeleteDocumentRequest { Name = name, Etag = parseResult.GetValue(_etag) ?? "", AllowMissing = allowMissing },
            cancellationToken: cancellationToken);
        await Console.Out.WriteLineAsync(allowMissing ? $"{name} is deleted (or did not exist)" : $"Deleted {name}");
        return ExitCodes.Success;
    }
}
