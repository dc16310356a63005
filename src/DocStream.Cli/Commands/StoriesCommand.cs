using System.CommandLine;
using DocStream.Cli.Output;
using DocStream.Contracts.V1;
using Google.Protobuf;

namespace DocStream.Cli.Commands;

/// <summary>
/// <c>docstream stories [--page-size N] [--page-token TOKEN] [--all] [--json]</c>: lists stories, most recent activity
/// first, as a table or as JSON lines, one page or, with <c>--all</c>, every page.
/// </summary>
internal sealed class StoriesCommand : ServerCommand
{
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithPreserveProtoFieldNames(true));

    private readonly Option<int> _pageSize = new("--page-size") { Description = "Stories per page, up to 1000 (the server's default, 50, when left out)", HelpName = "N" };
    private readonly Option<string> _pageToken = new("--page-token") { Description = "Continue with the page after the one that printed this token", HelpName = "TOKEN" };
    private readonly Option<bool> _all = new("--all") { Description = "Follow the page tokens and list every story" };
    private readonly Option<bool> _json = new("--json") { Description = "Print one JSON object per story per line instead of a table" };

    /// <summary>Creates the command.</summary>
    public StoriesCommand(CliContext context)
        : base("stories", "List stories (the documents that report one event), most recent activity first", context)
    {
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

    /// <summary>A story as one line of JSON, with the proto field names.</summary>
    public static string FormatJson(Story story) => Json.Format(story);

    /// <inheritdoc />
    protected override async Task<int> ExecuteAsync(ParseResult parseResult, DocumentService.DocumentServiceClient client, CancellationToken cancellationToken)
    {
        var json = parseResult.GetValue(_json);
        var request = new ListStoriesRequest { PageSize = parseResult.GetValue(_pageSize), PageToken = parseResult.GetValue(_pageToken) ?? "" };
        var table = new List<Story>();
        while (true)
        {
            var page = await client.ListStoriesAsync(request, cancellationToken: cancellationToken);
            foreach (var story in page.Stories)
            {
                if (json)
                {
                    await Console.Out.WriteLineAsync(FormatJson(story));
                }
                else
                {
                    table.Add(story);
                }
            }

            if (page.NextPageToken.Length == 0)
            {
                break;
            }

            if (!parseResult.GetValue(_all))
            {
                await Console.Error.WriteLineAsync($"docstream: more stories follow (--all lists them all); for the next page add --page-token {page.NextPageToken}");
                break;
            }

            request.PageToken = page.NextPageToken;
        }

        if (!json)
        {
            StoryTable.Write(Console.CreateAnsiConsole(), table);
        }

        return ExitCodes.Success;
    }
}
