using System.Globalization;
using DocStream.Core.Parsing;
using DocStream.Search.Analysis;

namespace DocStream.Search.Indexing;

/// <summary>
/// What every commit of the <see cref="SearchIndex"/> records in its user data: the versions of the analyzer, the
/// index layout and the article parser that wrote it, so a stale index can be told apart, and the number of the last
/// store change it holds, where the index resumes the store's change feed.
/// </summary>
public static class IndexCommitData
{
    private const string AnalyzerVersionKey = "docstream.analyzer_version";
    private const string SchemaVersionKey = "docstream.schema_version";
    private const string ParserVersionKey = "docstream.parser_version";
    private const string LastChangeKey = "docstream.last_change";

    /// <summary>The versions this build writes, as recorded in each commit.</summary>
    public static IReadOnlyDictionary<string, string> CurrentVersions { get; } = new Dictionary<string, string>
    {
        [AnalyzerVersionKey] = DocStreamAnalyzer.Version.ToString(CultureInfo.InvariantCulture),
        [SchemaVersionKey] = SearchIndex.SchemaVersion.ToString(CultureInfo.InvariantCulture),
        [ParserVersionKey] = ArticleParser.Version.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The user data of a commit by this build holding the store changes up to <paramref name="lastChange"/> (none when null).</summary>
    internal static Dictionary<string, string> Of(long? lastChange)
    {
        var data = CurrentVersions.ToDictionary();
        if (lastChange is { } change)
        {
            data[LastChangeKey] = change.ToString(CultureInfo.InvariantCulture);
        }

        return data;
    }

    /// <summary>The last store change <paramref name="data"/> records; null when it records none.</summary>
    internal static long? LastChange(IDictionary<string, string>? data) =>
        data is not null && data.TryGetValue(LastChangeKey, out var value) ? long.Parse(value, CultureInfo.InvariantCulture) : null;

    /// <summary>How the versions of <paramref name="data"/> differ from this build's; null when they do not.</summary>
    internal static string? VersionMismatch(IDictionary<string, string> data)
    {
        foreach (var (key, value) in CurrentVersions)
        {
            if (!data.TryGetValue(key, out var version) || version != value)
            {
                return $"it was written with {key}={version ?? "(none)"}, this build uses {value}";
            }
        }

        return null;
    }
}
