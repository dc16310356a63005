using DocStream.Core.Parsing;
using DocStream.Search.Indexing;

namespace DocStream.Search.Tests;

/// <summary>
/// The five seed articles parsed by the real parser and indexed in memory, each under its file's number
/// ("000" … "004") as id. Built once and shared: tests only read it.
/// </summary>
public static class SeedCorpus
{
    public const string PutinCallsSawa = "000";
    public const string PutinCallsNoBoilerplate = "001";
    public const string PutinOffersHelp = "002";
    public const string KremlinTerrorism = "003";
    public const string RussiaCeasefire = "004";

    private static readonly Lazy<(SearchIndex Index, DocumentSearcher Searcher)> Shared = new(Build);

    public static DocumentSearcher Searcher => Shared.Value.Searcher;

    /// <summary>The seed articles by id, parsed.</summary>
    public static IReadOnlyDictionary<string, ParsedArticle> Articles { get; } = Files()
        .ToDictionary(f => Path.GetFileName(f)[..3], f => ArticleParser.Parse(File.ReadAllText(f)));

    /// <summary>The raw text of a seed.</summary>
    public static string RawText(string id) => File.ReadAllText(Files().Single(f => Path.GetFileName(f).StartsWith(id, StringComparison.Ordinal)));

    private static string[] Files() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Seeds"), "*.txt").Order(StringComparer.Ordinal).ToArray();

    private static (SearchIndex, DocumentSearcher) Build()
    {
        var index = SearchIndex.InMemory();
        index.Upsert(Articles.Select(a => (a.Key, a.Value)));
        return (index, new DocumentSearcher(index));
    }
}
