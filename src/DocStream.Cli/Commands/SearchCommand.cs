using System.CommandLine;
using DocStream.Cli.Output;
using DocStream.Contracts.V1;
using Grpc.Core;

namespace DocStream.Cli.Commands;

/// <summary>
/// <c>docstream search QUERY [--filter EXPR] [--limit N] [--json]</c>: full-text search, best hit first, each with
/// its title, name, score and a snippet whose matched words are highlighted (bracketed when not on a terminal).
/// </summary>
internal sealed class SearchCommand : ServerCommand
{
    private readonly Argument<string> _query = new("query")
    {
        Description = "Words to find (all of them, in any form), \"an exact phrase\", a OR b, -excluded; e.g. 'مفاوضات \"وقف إطلاق النار\" -رفح'",
    };

    private readonly Option<string> _filter = new("--filter")
    {
        Description = "Only documents that match, with the syntax of list --filter, e.g. 'source = \"وكالة سوا\"'",
        HelpName = "EXPR",
    };

    private readonly Option<int> _limit = new("--limit")
    {
        Description = "Most hits to print, up to 1000 (the server's default, 20, when left out)",
        HelpName = "N",
    };

    private readonly Option<bool> _json = new("--json") { Description = "Print one JSON object per hit per line; matched words in [ ]" };

    /// <summary>Creates the command.</summary>
    public SearchCommand(CliContext context)
        : base("search", "Search the documents' headlines, bodies and keywords, best match first", context)
    {
        Arguments.Add(_query);
        Options.Add(_filter);
        Options.Add(_limit);
        Options.Add(_json);
        Validators.Add(result =>
        {
            if (result.GetValue(_limit) < 0)
            {
                result.AddError("--limit cannot be negative");
            }
        });
    }

    /// <inheritdoc />
    protected override async Task<int> ExecuteAsync(ParseResult parseResult, DocumentService.DocumentServiceClient client, CancellationToken cancellationToken)
    {
        var json = parseResult.GetValue(_json);
        var request = new SearchDocumentsRequest
        {
            Query = parseResult.GetValue(_query)!,
            Filter = parseResult.GetValue(_filter) ?? "",
            Limit = parseResult.GetValue(_limit),
        };
        if (!json)
        {
            // Characters no article contains, so that brackets in the text itself are never taken for highlights.
            request.HighlightStart = SearchHitView.Start;
            request.HighlightEnd = SearchHitView.End;
        }

        using var call = client.SearchDocuments(request, cancellationToken: cancellationToken);
        var view = new SearchHitView(Console);
        var total = 0;
        var shown = 0;
        await foreach (var hit in call.ResponseStream.ReadAllAsync(cancellationToken))
        {
            shown++;
            total = hit.TotalHits;
            if (json)
            {
                await Console.Out.WriteLineAsync(SearchHitView.FormatJson(hit));
            }
            else
            {
                await view.WriteAsync(shown, hit);
            }
        }

        if (!json)
        {
            await Console.Out.WriteLineAsync(shown == total ? $"{shown} hit(s)" : $"{shown} of {total} hit(s)");
        }

        return ExitCodes.Success;
    }
}
