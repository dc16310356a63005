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

    private readonly Option<int> _pageSize = new("--page-size")
    {
        Description = "Documents per page, up to 1000 (the server's default, 50, when left out)",
        HelpName = "N",
    };

    private readonly Option<string> _pageToken = new("--page-token")
    {
        Description = "Continue with the page after the one that printed this token",
        HelpName = "TOKEN",
    };

    private readonly Option<bool> _all = new("--all") { Description = "Follow the page tokens and list every document" };
    private readonly Option<bool> _json = new("--json") { Description = "Print one JSON object per document per line instead of a table" };

    /// <summary>Creates the command.</summary>
    public ListCommand(CliContext context)
        : base("list", "List documents, oldest first", context)
    {
        Options.Add(_filter);
        Options.Add(_pageSize);
        Options.Add(_pageToken);
        Options.Add(_all);
        Options.Add(_json);
        Validators.Add(result =>
        {
            if (result.GetValue(_pageSize) < 0)
            {
                result.AddError("--page-size cannot be negative");
            }
        });
    }

    /// <inheritdoc />
    protected override async Task<int> ExecuteAsync(ParseResult parseResult, DocumentService.DocumentServiceClient client, CancellationToken cancellationToken)
    {
        var json = parseResult.GetValue(_json);
        var all = parseResult.GetValue(_all);
        var request = new ListDocumentsRequest
        {
            Filter = parseResult.GetValue(_filter) ?? "",
            PageSize = parseResult.GetValue(_pageSize),
            PageToken = parseResult.GetValue(_pageToken) ?? "",
        };
        var table = new List<Document>();
        while (true)
        {
            var page = await client.ListDocumentsAsync(request, cancellationToken: cancellationToken);
            foreach (var document in page.Documents)
            {
                if (json)
                {
                    await Console.Out.WriteLineAsync(DocumentJson.Format(document, indented: false));
                }
                else
                {
                    table.Add(document);
                }
            }

            if (page.NextPageToken.Length == 0)
            {
                break;
            }

            if (!all)
            {
                await Console.Error.WriteLineAsync($"docstream: more documents follow (--all lists them all); for the next page add --page-token {page.NextPageToken}");
                break;
            }

            request.PageToken = page.NextPageToken;
        }

        if (!json)
        {
            DocumentTable.Write(Console.CreateAnsiConsole(), table);
        }

        return ExitCodes.Success;
    }
}
