using System.CommandLine;
using DocStream.Cli.Output;
using DocStream.Contracts.V1;

namespace DocStream.Cli.Commands;

/// <summary>
/// <c>docstream story NAME [--json]</c>: one story and its documents (oldest first), as a table each, or with
/// <c>--json</c> the story as one JSON object.
/// </summary>
internal sealed class StoryCommand : ServerCommand
{
    private readonly Argument<string> _name = new("name") { Description = "The story's name, stories/{id}, or just its id" };
    private readonly Option<bool> _json = new("--json") { Description = "Print the story as JSON, without its documents" };

    /// <summary>Creates the command.</summary>
    public StoryCommand(CliContext context)
        : base("story", "Print one story and its documents", context)
    {
        Arguments.Add(_name);
        Options.Add(_json);
    }

    /// <inheritdoc />
    protected override async Task<int> ExecuteAsync(ParseResult parseResult, DocumentService.DocumentServiceClient client, CancellationToken cancellationToken)
    {
        var name = DocumentNames.Normalize(parseResult.GetValue(_name)!, "stories/");
        var story = await client.GetStoryAsync(new GetStoryRequest { Name = name }, cancellationToken: cancellationToken);
        if (parseResult.GetValue(_json))
        {
            await Console.Out.WriteLineAsync(StoriesCommand.FormatJson(story));
            return ExitCodes.Success;
        }

        var console = Console.CreateAnsiConsole();
        StoryTable.Write(console, [story]);
        var request = new ListDocumentsRequest { Filter = $"story = \"{story.Name}\"", PageSize = 1000 };
        var documents = new List<Document>();
        do
        {
            var page = await client.ListDocumentsAsync(request, cancellationToken: cancellationToken);
            documents.AddRange(page.Documents);
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);

        DocumentTable.Write(console, documents);
        return ExitCodes.Success;
    }
}
