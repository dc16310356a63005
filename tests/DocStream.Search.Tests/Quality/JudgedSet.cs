using System.Globalization;
using DocStream.Core.Parsing;

namespace DocStream.Search.Tests.Quality;

/// <summary>
/// The hand-judged query set of <c>tests/corpora/search</c> (articles written for it, not the seeds). It comes in
/// parts, each a <c>fields-X.tsv</c> (its articles, labelled) and a <c>queries-X.tsv</c> (its judged queries);
/// relevance was judged by meaning, and <c>class</c> names the failure class a query probes.
/// </summary>
internal static class JudgedSet
{
    /// <summary>How many hits of each query are judged.</summary>
    public const int Depth = 10;

    public static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "LabelledSet");

    /// <summary>Every article of the set, parsed, by file name.</summary>
    public static IReadOnlyList<(string Id, ParsedArticle Article)> Articles() =>
        [.. Directory.EnumerateArticles().Select(path => (Path.GetFileName(path), ArticleParser.Parse(File.ReadAllText(path))))];

    public static IReadOnlyList<JudgedQuery> Queries() =>
        [.. System.IO.Directory.EnumerateFiles(Directory, "fields-*.tsv").Order(StringComparer.Ordinal)
            .Select(fields => Path.Combine(Directory, "queries-" + Path.GetFileName(fields)["fields-".Length..]))
            .SelectMany(file => File.ReadLines(file).Skip(1))
            .Where(line => line.Length > 0)
            .Select(line => line.Split('\t'))
            .Select(columns => new JudgedQuery(
                columns[0], columns[1], columns[2].Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal), columns[3]))];

    /// <summary>The articles of the set: those a <c>fields-*.tsv</c> labels.</summary>
    public static IEnumerable<string> EnumerateArticles(this string directory) =>
        System.IO.Directory.EnumerateFiles(directory, "fields-*.tsv").Order(StringComparer.Ordinal)
            .SelectMany(file => File.ReadLines(file).Skip(1))
            .Where(line => line.Length > 0)
            .Select(line => Path.Combine(directory, line.Split('\t')[0]));

    /// <summary>Runs every query through <paramref name="search"/> (its top <see cref="Depth"/> ids) and scores it.</summary>
    public static async Task<JudgedScores> MeasureAsync(IReadOnlyList<JudgedQuery> queries, Func<string, Task<IReadOnlyList<string>>> search)
    {
        var scores = new List<QueryScore>();
        foreach (var query in queries)
        {
            var hits = (await search(query.Text)).Take(Depth).ToList();
            var firstRelevant = hits.FindIndex(query.Relevant.Contains);
            var found = hits.Count(query.Relevant.Contains);
            scores.Add(new QueryScore(
                query,
                hits,
                firstRelevant < 0 ? 0 : 1.0 / (firstRelevant + 1),
                (double)found / Math.Min(query.Relevant.Count, Depth),
                hits.Count == 0 ? 0 : (double)found / hits.Count));
        }

        return new JudgedScores(scores);
    }
}

internal sealed record JudgedQuery(string Id, string Text, IReadOnlySet<string> Relevant, string Class);

/// <summary>One query's hits and scores. Precision is the share of the returned hits (at most 10) judged relevant.</summary>
internal sealed record QueryScore(JudgedQuery Query, IReadOnlyList<string> Hits, double ReciprocalRank, double Recall, double Precision)
{
    public bool IsImperfect => Recall < 1 || Precision < 1;
}

internal sealed record JudgedScores(IReadOnlyList<QueryScore> Queries)
{
    public double Mrr => Queries.Average(score => score.ReciprocalRank);

    public double Recall => Queries.Average(score => score.Recall);

    public double Precision => Queries.Average(score => score.Precision);

    /// <summary>The scores of each query class, in the order the classes first appear.</summary>
    public IEnumerable<(string Class, JudgedScores Scores)> ByClass() =>
        Queries.GroupBy(score => score.Query.Class).Select(group => (group.Key, new JudgedScores([.. group])));

    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"{Queries.Count} queries: MRR@10 {Mrr:F3}, recall@10 {Recall:F3}, precision@10 {Precision:F3}");
}
