using System.Text;
using DocStream.Search.Analysis;
using DocStream.Search.Indexing;
using Lucene.Net.Analysis;

namespace DocStream.Search.Querying;

/// <summary>The pair of strings put around each matched word in a snippet.</summary>
/// <param name="Start">Put before a matched word.</param>
/// <param name="End">Put after a matched word.</param>
public sealed record HighlightMarkers(string Start, string End)
{
    /// <summary><c>[</c> and <c>]</c>.</summary>
    public static HighlightMarkers Brackets { get; } = new("[", "]");
}

/// <summary>
/// Picks the passage of a document that best shows why it matched and marks the matched words in it. Words are
/// matched by their analyzed terms, so <c>المفاوضات</c> is marked for the query <c>مفاوضات</c>; the words of a
/// phrase only where the whole phrase occurs.
/// </summary>
public static class SnippetBuilder
{
    /// <summary>Default longest passage, in characters of the source text (markers and ellipses not counted).</summary>
    public const int DefaultMaxLength = 240;

    /// <summary>Characters of body text examined per document at most; the best passage is sought within them.</summary>
    public const int AnalysisBudget = 64 * 1024;

    private const string Ellipsis = "…";

    /// <summary>
    /// The best window of at most <paramref name="maxLength"/> characters from the body paragraph that shows the most
    /// distinct words and phrases of <paramref name="pattern"/> (then the most matches, then the earliest) among the
    /// first <see cref="AnalysisBudget"/> characters of the body; past them, the first paragraph with any match; the
    /// title when none matches; the start of the body when neither does.
    /// </summary>
    public static string Build(
        Analyzer analyzer, string title, IReadOnlyList<string> paragraphs, HighlightPattern pattern, HighlightMarkers markers, int maxLength = DefaultMaxLength)
    {
        ArgumentNullException.ThrowIfNull(paragraphs);
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(markers);
        Window? best = null;
        long analyzed = 0;
        var next = 0;
        // A huge document must not make a search slow: look no further than the budget, or than a window that
        // already shows everything looked for.
        for (; next < paragraphs.Count && analyzed <= AnalysisBudget && best?.DistinctTerms != pattern.Count; next++)
        {
            analyzed += paragraphs[next].Length;
            var window = BestWindow(paragraphs[next], pattern.Mark(Analyze(analyzer, paragraphs[next])), maxLength);
            if (window is not null && (best is null || window.IsBetterThan(best)))
            {
                best = window;
            }
        }

        best ??= FirstMatchPastTheBudget(analyzer, paragraphs, next, pattern, maxLength);
        best ??= BestWindow(title, pattern.Mark(Analyze(analyzer, title)), maxLength);
        if (best is null)
        {
            var first = paragraphs.FirstOrDefault(p => p.Length > 0) ?? "";
            best = new Window(first, 0, CutEnd(first, 0, maxLength, 0), [], 0);
        }

        return best.Render(markers);
    }

    private static List<AnalyzedToken> Analyze(Analyzer analyzer, string text) => AnalyzedToken.Analyze(analyzer, IndexFields.Body, text);

    /// <summary>
    /// The window of the first paragraph from <paramref name="from"/> on with any match, for a document that matched
    /// only past the analysis budget. A paragraph is analyzed only when its normalised text contains one of the
    /// terms (a light stem is a part of the word it comes from), so the rest of a huge body costs a scan, not an
    /// analysis.
    /// </summary>
    private static Window? FirstMatchPastTheBudget(Analyzer analyzer, IReadOnlyList<string> paragraphs, int from, HighlightPattern pattern, int maxLength)
    {
        var needles = pattern.AllTerms.Distinct(StringComparer.Ordinal).ToArray();
        for (var i = from; i < paragraphs.Count; i++)
        {
            var normalised = ArabicNormalizer.Normalize(paragraphs[i]).ToLowerInvariant();
            if (needles.Any(needle => normalised.Contains(needle, StringComparison.Ordinal))
                && BestWindow(paragraphs[i], pattern.Mark(Analyze(analyzer, paragraphs[i])), maxLength) is { } window)
            {
                return window;
            }
        }

        return null;
    }

    private static Window? BestWindow(string text, List<(AnalyzedToken Token, string Key)> marked, int maxLength)
    {
        var matches = marked.Select(m => m.Token).ToList();
        Window? best = null;
        for (var anchor = 0; anchor < matches.Count; anchor++)
        {
            var lead = Math.Min(maxLength / 6, matches[anchor].StartOffset);
            var start = CutStart(text, matches[anchor].StartOffset - lead, matches[anchor].StartOffset);
            var inside = matches.Skip(anchor).TakeWhile(m => m.EndOffset - start <= maxLength).ToList();
            if (inside.Count == 0)
            {
                // A single word longer than the window: show it whole.
                inside.Add(matches[anchor]);
            }

            var end = CutEnd(text, start, maxLength, inside[^1].EndOffset);
            var shown = marked.Skip(anchor).Take(inside.Count).Select(m => m.Key).Distinct(StringComparer.Ordinal).Count();
            var window = new Window(text, start, end, inside, shown);
            if (best is null || window.IsBetterThan(best))
            {
                best = window;
            }
        }

        return best;
    }

    // Moves a window start forward to a word start, never past the first match.
    private static int CutStart(string text, int start, int firstMatch)
    {
        if (start <= 0)
        {
            return 0;
        }

        var space = text.IndexOf(' ', start - 1, firstMatch - start + 1);
        return space < 0 ? firstMatch : space + 1;
    }

    // Ends a window at a word end within maxLength characters of its start, never before the last match.
    private static int CutEnd(string text, int start, int maxLength, int lastMatchEnd)
    {
        var end = Math.Min(text.Length, start + maxLength);
        if (end >= text.Length || lastMatchEnd >= end)
        {
            return Math.Max(end, Math.Min(text.Length, lastMatchEnd));
        }

        var space = text.LastIndexOf(' ', end, end - lastMatchEnd + 1);
        return Math.Max(lastMatchEnd, space < 0 ? end : space);
    }

    private sealed record Window(string Text, int Start, int End, List<AnalyzedToken> Matches, int DistinctTerms)
    {
        public bool IsBetterThan(Window other) =>
            DistinctTerms > other.DistinctTerms || (DistinctTerms == other.DistinctTerms && Matches.Count > other.Matches.Count);

        public string Render(HighlightMarkers markers)
        {
            var builder = new StringBuilder();
            if (Start > 0)
            {
                builder.Append(Ellipsis);
            }

            var at = Start;
            foreach (var match in Matches)
            {
                builder.Append(Text, at, match.StartOffset - at)
                    .Append(markers.Start)
                    .Append(Text, match.StartOffset, match.EndOffset - match.StartOffset)
                    .Append(markers.End);
                at = match.EndOffset;
            }

            builder.Append(Text, at, Math.Max(0, End - at));
            if (End < Text.Length)
            {
                builder.Append(Ellipsis);
            }

            return builder.ToString();
        }
    }
}
