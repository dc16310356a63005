using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using DocStream.Contracts.V1;
using Google.Protobuf;
using Spectre.Console;

namespace DocStream.Cli.Output;

/// <summary>
/// Prints search hits for people. On a terminal the matched words are bold yellow (Spectre.Console markup);
/// redirected, they are wrapped in <c>[</c> <c>]</c> and nothing else is added, one line per field, so the output
/// can be searched with grep. Arabic is written as UTF-8 in logical order; a bidi-capable terminal shows it right
/// to left.
/// </summary>
/// <param name="console">Where to write.</param>
internal sealed class SearchHitView(CliConsole console)
{
    /// <summary>Asked of the server as the highlight start: a private-use character no article holds.</summary>
    public const string Start = "\uE000";

    /// <summary>Asked of the server as the highlight end.</summary>
    public const string End = "\uE001";

    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithPreserveProtoFieldNames(true).WithFormatDefaultValues(true));
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly IAnsiConsole? _terminal = console.IsOutputTerminal ? console.CreateAnsiConsole() : null;

    /// <summary>One hit as a JSON object on one line, proto field names, Arabic as UTF-8.</summary>
    public static string FormatJson(SearchDocumentsResponse hit) =>
        JsonNode.Parse(Formatter.Format(hit))!.ToJsonString(Compact);

    /// <summary>Writes hit number <paramref name="rank"/>: title, then name and score, then the snippet.</summary>
    public async Task WriteAsync(int rank, SearchDocumentsResponse hit)
    {
        var score = hit.Score.ToString("F2", CultureInfo.InvariantCulture);
        if (_terminal is null)
        {
            await console.Out.WriteLineAsync($"{rank}. {hit.Title}");
            await console.Out.WriteLineAsync($"   {hit.Name}  score {score}");
            await console.Out.WriteLineAsync($"   {hit.Snippet.Replace(Start, "[", StringComparison.Ordinal).Replace(End, "]", StringComparison.Ordinal)}");
            await console.Out.WriteLineAsync();
            return;
        }

        _terminal.MarkupLine($"[bold]{rank}. {Markup.Escape(hit.Title)}[/]");
        _terminal.MarkupLine($"   [dim]{Markup.Escape(hit.Name)}  score {score}[/]");
        _terminal.MarkupLine("   " + Highlight(hit.Snippet));
        _terminal.WriteLine();
    }

    // The snippet's text escaped for markup, each marked word styled.
    private static string Highlight(string snippet)
    {
        var markup = new System.Text.StringBuilder();
        var at = 0;
        while (snippet.IndexOf(Start, at, StringComparison.Ordinal) is var open and >= 0)
        {
            var close = snippet.IndexOf(End, open, StringComparison.Ordinal);
            if (close < 0)
            {
                break;
            }

            markup.Append(Markup.Escape(snippet[at..open]))
                .Append("[bold yellow]")
                .Append(Markup.Escape(snippet[(open + Start.Length)..close]))
                .Append("[/]");
            at = close + End.Length;
        }

        return markup.Append(Markup.Escape(snippet[at..].Replace(Start, "", StringComparison.Ordinal).Replace(End, "", StringComparison.Ordinal))).ToString();
    }
}
