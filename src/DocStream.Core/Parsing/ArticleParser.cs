namespace DocStream.Core.Parsing;

/// <summary>Reads the structure out of raw news article text.</summary>
public static class ArticleParser
{
    /// <summary>
    /// Bumped whenever parsing rules change, so stored documents parsed by an older version can be found and re-parsed.
    /// </summary>
    public const int Version = 1;

    private const string SourceLabel = "المصدر";

    /// <summary>Parses <paramref name="text"/>. Never throws for any input.</summary>
    public static ParsedArticle Parse(string text)
    {
        var lines = text.Split('\n');
        var title = "";
        var sources = new List<string>();
        var body = new List<string>();
        foreach (var rawLine in lines)
        {
            var line = rawLine.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (title.Length == 0)
            {
                title = line;
                continue;
            }

            if (line.StartsWith(SourceLabel, StringComparison.Ordinal) && line.Contains(':', StringComparison.Ordinal))
            {
                var source = line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
                if (source.Length > 0 && !sources.Contains(source))
                {
                    sources.Add(source);
                }

                continue;
            }

            body.Add(line);
        }

        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).LongLength;
        return new ParsedArticle(title, null, sources, "", [], body, [], [], [], "und", text.EnumerateRunes().LongCount(), words, []);
    }
}
