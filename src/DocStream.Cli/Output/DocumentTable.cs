using System.Globalization;
using DocStream.Contracts.V1;
using Spectre.Console;

namespace DocStream.Cli.Output;

/// <summary>Renders documents as a table for people: name, title, publication time, sources, and what it is a near copy of.</summary>
internal static class DocumentTable
{
    /// <summary>Writes <paramref name="documents"/> as one table to <paramref name="console"/>.</summary>
    public static void Write(IAnsiConsole console, IReadOnlyCollection<Document> documents)
    {
        var table = new Table()
            .AddColumn("Name")
            .AddColumn("Title")
            .AddColumn(new TableColumn("Published (UTC)").NoWrap())
            .AddColumn("Sources")
            .AddColumn("Copy of");
        foreach (var document in documents)
        {
            // Text, not markup: titles may hold brackets that markup would read as styles.
            table.AddRow(
                new Text(document.Name),
                new Text(document.Title),
                new Text(document.PublishedTime is { } published
                    ? published.ToDateTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
                    : "-"),
                new Text(string.Join("; ", document.Sources)),
                new Text(document.NearDuplicateOf.Length > 0 ? document.NearDuplicateOf : "-"));
        }

        console.Write(table);
        console.WriteLine($"{documents.Count} document(s)");
    }
}
