using System.CommandLine;
using DocStream.Contracts.V1;

namespace DocStream.Cli.Commands;

/// <summary><c>docstream reindex</c>: rebuilds the server's search index from its stored documents.</summary>
internal sealed class ReindexCommand : ServerCommand
{
    /// <summary>Creates the command.</summary>
    public ReindexCommand(CliContext context)
        : base("reindex", "Rebuild the server's search index from the stored documents", context)
    {
    }

    /// <inheritdoc />
    protected override async Task<int> ExecuteAsync(ParseResult parseResult, DocumentService.DocumentServiceClient client, CancellationToken cancellationToken)
    {
        var response = await client.RebuildSearchIndexAsync(new RebuildSearchIndexRequest(), cancellationToken: cancellationToken);
        await Console.Out.WriteLineAsync($"Search index rebuilt: {response.IndexedCount} document(s) indexed");
        return ExitCodes.Success;
    }
}
