using System.Globalization;
using DocStream.Contracts.V1;
using Spectre.Console;

namespace DocStream.Cli.Output;

/// <summary>Renders stories as a table for people: name, headline, documents (of which near copies), dates and sources.</summary>
internal static class StoryTable
{
    /// <summary>Writes <paramref name="stories"/> as one table to <paramref name="console"/>.</summary>
    public static void Write(IAnsiConsole console, IReadOnlyCollection<Story> stories)
    {
        var table = new Table()
            .AddColumn("Name")
            .AddColumn("Title")
            .AddColumn(new TableColumn("Documents").RightAligned())
            .AddColumn(new TableColumn("Published (UTC)").NoWrap())
            .AddColumn("Sources");
        foreach (var story in stories)
        {
            // Text, not markup: titles may hold brackets that markup would read as styles.
            table.AddRow(
                new Text(story.Name),
                new Text(story.Title),
                new Text(story.NearDuplicateCount > 0
                    ? $"{story.DocumentCount} ({story.NearDuplicateCount} copies)"
                    : story.DocumentCount.ToString(CultureInfo.InvariantCulture)),
                new Text(Range(story)),
                new Text(string.Join("; ", story.Sources)));
        }

        console.Write(table);
        console.WriteLine($"{stories.Count} story(ies)");
    }

    private static string Range(Story story)
    {
        if (story.FirstPublishedTime is not { } first)
        {
            return "-";
        }

        var from = first.ToDateTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = story.LastPublishedTime.ToDateTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return from == to ? from : $"{from} – {to}";
    }
}
