using System.CommandLine;

namespace DocStream.Cli.Commands;

/// <summary>
/// The options of a listing command (<c>--page-size</c>, <c>--page-token</c>, <c>--all</c>, <c>--json</c>) and the
/// loop that follows page tokens: one page and the token of the next on stderr, or every page with <c>--all</c>.
/// </summary>
/// <param name="items">What is listed, plural ("documents", "stories"), for the help and the messages.</param>
internal sealed class PagingOptions(string items)
{
    private readonly Option<int> _pageSize = new("--page-size") { Description = $"{Capitalized(items)} per page, up to 1000 (the server's default, 50, when left out)", HelpName = "N" };
    private readonly Option<string> _pageToken = new("--page-token") { Description = "Continue with the page after the one that printed this token", HelpName = "TOKEN" };
    private readonly Option<bool> _all = new("--all") { Description = $"Follow the page tokens and list every one of the {items}" };
    private readonly Option<bool> _json = new("--json") { Description = "Print one JSON object per line instead of a table" };

    /// <summary>Adds the options, and the check of <c>--page-size</c>, to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_pageSize);
        command.Options.Add(_pageToken);
        command.Options.Add(_all);
        command.Options.Add(_json);
        command.Validators.Add(result =>
        {
            if (result.GetValue(_pageSize) < 0)
            {
                result.AddError("--page-size cannot be negative");
            }
        });
    }

    /// <summary>Whether <c>--json</c> was given.</summary>
    public bool Json(ParseResult parseResult) => parseResult.GetValue(_json);

    /// <summary>
    /// Reads the pages <paramref name="readPage"/> answers (given the page size and token), hands each item to
    /// <paramref name="item"/> in order, and says on <paramref name="error"/> how to go on when it stops short of the last page.
    /// </summary>
    public async Task ReadAsync<T>(
        ParseResult parseResult,
        Func<int, string, Task<(IEnumerable<T> Items, string NextPageToken)>> readPage,
        Func<T, Task> item,
        TextWriter error)
    {
        var token = parseResult.GetValue(_pageToken) ?? "";
        while (true)
        {
            var (page, next) = await readPage(parseResult.GetValue(_pageSize), token);
            foreach (var one in page)
            {
                await item(one);
            }

            if (next.Length == 0)
            {
                return;
            }

            if (!parseResult.GetValue(_all))
            {
                await error.WriteLineAsync($"docstream: more {items} follow (--all lists them all); for the next page add --page-token {next}");
                return;
            }

            token = next;
        }
    }

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
