using System.Globalization;
using DocStream.Core.Parsing;
using Xunit.Abstractions;

namespace DocStream.Core.Tests.Quality;

/// <summary>
/// Field extraction measured on the hand-labelled articles of <c>tests/corpora/search</c> (written for it, not the
/// seeds): per field, the share of articles whose parse equals the label exactly.
/// </summary>
public sealed class LabelledFieldTests(ITestOutputHelper output)
{
    private static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "LabelledSet");

    private static readonly string[] Fields = ["title", "published", "sources", "keywords", "body_paragraphs", "related_headlines"];

    [Fact]
    public void Parse_LabelledArticles_MeetTheFieldThresholds()
    {
        var labels = System.IO.Directory.EnumerateFiles(Directory, "fields-*.tsv").Order(StringComparer.Ordinal)
            .SelectMany(file => File.ReadLines(file).Skip(1))
            .Where(line => line.Length > 0)
            .Select(line => line.Split('\t'))
            .ToList();
        var matches = Fields.ToDictionary(field => field, _ => 0);
        foreach (var label in labels)
        {
            var parsed = ArticleParser.Parse(File.ReadAllText(Path.Combine(Directory, label[0])));
            var actual = Describe(parsed);
            for (var i = 0; i < Fields.Length; i++)
            {
                var expected = label[i + 1];
                if (Fields[i] == "title" && expected == "<derived>")
                {
                    actual[i] = DerivedTitle(parsed);
                }
                if (actual[i] == expected)
                {
                    matches[Fields[i]]++;
                }
                else
                {
                    output.WriteLine($"{label[0]} {Fields[i]}: parsed '{actual[i]}', labelled '{label[i + 1]}'");
                }
            }
        }

        foreach (var field in Fields)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{field}: {matches[field]}/{labels.Count} ({(double)matches[field] / labels.Count:P1})"));
        }

        Assert.True(labels.Count >= 40, $"{labels.Count} labelled articles");
        foreach (var field in Fields)
        {
            Assert.True((double)matches[field] / labels.Count >= MinimumShare[field], $"{field}: {matches[field]}/{labels.Count}");
        }
    }

    // Floors under what was measured (docs/parsing.md, "Measured on a labelled set"); the goal is 0.98 for every field.
    private static readonly Dictionary<string, double> MinimumShare = new()
    {
        ["title"] = 0.98,
        ["published"] = 0.98,
        ["sources"] = 0.98,
        ["keywords"] = 0.97,
        ["body_paragraphs"] = 0.98,
        ["related_headlines"] = 0.98,
    };

    private static string[] Describe(ParsedArticle parsed) =>
    [
        parsed.Title,
        parsed.PublishedTime is not { } time ? ""
            : time.TimeOfDay == TimeSpan.Zero ? time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        string.Join(" | ", parsed.Sources),
        string.Join(" | ", parsed.Keywords),
        parsed.Body.Count.ToString(CultureInfo.InvariantCulture),
        parsed.RelatedHeadlines.Count.ToString(CultureInfo.InvariantCulture),
    ];

    /// <summary>A derived title is right when the parse says so and the lead it came from is kept as the first paragraph.</summary>
    private static string DerivedTitle(ParsedArticle parsed) =>
        parsed.Warnings.Any(warning => warning.StartsWith("no headline line", StringComparison.Ordinal))
        && parsed.Body.Count > 0 && parsed.Body[0].StartsWith(parsed.Title.TrimEnd('…'), StringComparison.Ordinal)
            ? "<derived>"
            : parsed.Title;
}
