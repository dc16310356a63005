using System.CommandLine;
using DocStream.Cli.Output;
using DocStream.Contracts.V1;

namespace DocStream.Cli.Commands;

/// <summary>
/// <c>docstream list [--filter EXPR] [--page-size N] [--page-token TOKEN] [--all] [--json]</c>: lists documents
/// (BASIC view) as a table or as JSON lines, one page or, with <c>--all</c>, every page.
/// </summary>
internal sealed class ListCommand : ServerCommand
{
    private readonly Option<string> _filter = new("--filter")
    {
        Description = "Only documents that match, e.g. 'source = \"وكالة سوا\"' or 'published_time >= \"2023-10-01T00:00:00Z\" AND language = \"ar\"'",
        HelpName = "EXPR",
    };

    private readonly PagingOptions _paging = new("documents");

    /// <summary>Creates the command.</summary>
    public ListCommand(CliContext context)
        : base("list", "List documents, oldest first", context)
    {
        Options.Add(_filter);
        _paging.AddTo(this);
    }

    /// <inheritdoc />
    protected override async Task<int> ExecuteAsync(ParseResult parseResult, DocumentService.DocumentServiceClient client, CancellationToken cancellationToken)
    {
        var json = _paging.Json(parseResult);
        var filter = parseResult.GetValue(_filter) ?? "";
        var table = new List<Document>();
        await _paging.ReadAsync<Document>(
            parseResult,
            async (pageSize, pageToken) =>
            {
                var page = await client.ListDocumentsAsync(
                    new ListDocumentsRequest { Filter = filter, PageSize = pageSize, PageToken = pageToken }, cancellationToken: cancellationToken);
                return (page.Documents, page.NextPageToken);
            },
            async document =>
            {
                if (json)
                {
                    await Console.Out.WriteLineAsync(DocumentJson.Format(document, indented: false));
                }
                else
                {
                    table.Add(document);
                }
            },
            Console.Error);

        if (!json)
        {
            DocumentTable.Write(Console.CreateAnsiConsole(), table);
        }

        return ExitCodes.Success;
    }
}
