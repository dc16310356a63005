using System.Text;

namespace DocStream.Core.Parsing;

/// <summary>
/// Keeps the fields a BASIC read carries (headline, sources, keywords, related headlines, embedded posts, warnings)
/// within <see cref="MaxBytes"/>, so that every document can be listed and read in BASIC view even with the smallest
/// message limit a server accepts (16 KiB). A real article's fields are a few KiB and are never touched; a pathological
/// one (a 10 MiB article on one line, thousands of bullets) keeps a cut headline and the longest prefix of each list
/// that fits, in that order of priority, and says what was cut in a warning. The raw text keeps everything.
/// </summary>
public static class MetadataBudget
{
    /// <summary>Most bytes the BASIC fields take on the wire, about, leaving room in 16 KiB for the rest of a document.</summary>
    public const int MaxBytes = 12 * 1024;

    /// <summary>Longest headline, sources and keyword line kept when the fields are over budget, in characters.</summary>
    public const int MaxLineCharacters = 300;

    /// <summary>Longest warning kept when the fields are over budget, in characters.</summary>
    public const int MaxWarningCharacters = 160;

    /// <summary>The wire overhead of one string field, at most: its tag and length.</summary>
    private const int FieldOverhead = 6;

    /// <summary>Room kept for the one warning this adds.</summary>
    private const int ReportBytes = 512;

    /// <summary><paramref name="parsed"/> as it is when within budget, else cut down to fit.</summary>
    public static ParsedArticle Fit(ParsedArticle parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        if (Size(parsed) <= MaxBytes)
        {
            return parsed;
        }

        var remaining = MaxBytes - ReportBytes;
        var title = Cut(parsed.Title, MaxLineCharacters);
        remaining -= Size(title);
        var sources = Prefix(parsed.Sources.Select(source => Cut(source, MaxLineCharacters)), ref remaining);
        var keywordsLine = Cut(parsed.KeywordsLine, MaxLineCharacters);
        remaining -= Size(keywordsLine);
        var keywords = Prefix(keywordsLine.Length == parsed.KeywordsLine.Length ? parsed.Keywords : KeywordSplitter.Split(keywordsLine, parsed.Body.Prepend(parsed.Title)), ref remaining);
        var warnings = Prefix(parsed.Warnings.Select(warning => Cut(warning, MaxWarningCharacters)), ref remaining);
        var related = Prefix(parsed.RelatedHeadlines, ref remaining);
        var posts = new List<EmbeddedPost>();
        foreach (var post in parsed.EmbeddedPosts)
        {
            var size = Size(post.Text) + Size(post.Author) + Size(post.Handle) + Size(post.Url) + 16;
            if (size > remaining)
            {
                break;
            }

            posts.Add(post);
            remaining -= size;
        }

        var report = $"parsed fields over {MaxBytes / 1024} KiB, cut to fit a BASIC read: headline {parsed.Title.Length} → {title.Length} characters, "
            + $"sources {parsed.Sources.Count} → {sources.Count}, keywords {parsed.Keywords.Count} → {keywords.Count}, "
            + $"related headlines {parsed.RelatedHeadlines.Count} → {related.Count}, embedded posts {parsed.EmbeddedPosts.Count} → {posts.Count}, "
            + $"warnings {parsed.Warnings.Count} → {warnings.Count}; the raw text keeps everything";
        return parsed with
        {
            Title = title,
            Sources = sources,
            KeywordsLine = keywordsLine,
            Keywords = keywords,
            RelatedHeadlines = related,
            EmbeddedPosts = posts,
            Warnings = [.. warnings, report],
        };
    }

    /// <summary>The bytes the BASIC fields take on the wire, at most.</summary>
    public static int Size(ParsedArticle parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        long size = Size(parsed.Title) + Size(parsed.KeywordsLine) + 64;
        size += parsed.Sources.Sum(source => (long)Size(source));
        size += parsed.Keywords.Sum(keyword => (long)Size(keyword));
        size += parsed.RelatedHeadlines.Sum(headline => (long)Size(headline));
        size += parsed.Warnings.Sum(warning => (long)Size(warning));
        size += parsed.EmbeddedPosts.Sum(post => (long)Size(post.Text) + Size(post.Author) + Size(post.Handle) + Size(post.Url) + 16);
        return (int)Math.Min(int.MaxValue, size);
    }

    private static int Size(string text) => Encoding.UTF8.GetByteCount(text) + FieldOverhead;

    /// <summary>The first <paramref name="maxCharacters"/> of <paramref name="text"/>, cut after a word where one ends near, and marked with an ellipsis.</summary>
    private static string Cut(string text, int maxCharacters)
    {
        if (text.Length <= maxCharacters)
        {
            return text;
        }

        var end = maxCharacters - 1;
        var space = text.LastIndexOf(' ', end - 1, end / 4);
        if (space > 0)
        {
            end = space;
        }
        else if (char.IsHighSurrogate(text[end - 1]))
        {
            end--;
        }

        return string.Concat(text.AsSpan(0, end).TrimEnd(), "…");
    }

    /// <summary>The longest prefix of <paramref name="items"/> that fits in <paramref name="remaining"/>, which it lowers.</summary>
    private static List<string> Prefix(IEnumerable<string> items, ref int remaining)
    {
        var kept = new List<string>();
        foreach (var item in items)
        {
            var size = Size(item);
            if (size > remaining)
            {
                break;
            }

            kept.Add(item);
            remaining -= size;
        }

        return kept;
    }
}
