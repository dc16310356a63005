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

    private readonly PagingOptions _paging = new("stories");

    /// <summary>Creates the command.</summary>
    public StoriesCommand(CliContext context)
        : base("stories", "List stories (the documents that report one event), most recent activity first", context) => _paging.AddTo(this);

    /// <summary>A story as one line of JSON, with the proto field names.</summary>
    public static string FormatJson(Story story) => Json.Format(story);

    /// <inheritdoc />
    protected override async Task<int> ExecuteAsync(ParseResult parseResult, DocumentService.DocumentServiceClient client, CancellationToken cancellationToken)
    {
        var json = _paging.Json(parseResult);
        var table = new List<Story>();
        await _paging.ReadAsync<Story>(
            parseResult,
            async (pageSize, pageToken) =>
            {
                var page = await client.ListStoriesAsync(new ListStoriesRequest { PageSize = pageSize, PageToken = pageToken }, cancellationToken: cancellationToken);
                return (page.Stories, page.NextPageToken);
            },
            async story =>
            {
                if (json)
                {
                    await Console.Out.WriteLineAsync(FormatJson(story));
                }
                else
                {
                    table.Add(story);
                }
            },
            Console.Error);

        if (!json)
        {
            StoryTable.Write(Console.CreateAnsiConsole(), table);
        }

        return ExitCodes.Success;
    }
}
