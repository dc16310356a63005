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
/// phrase are marked wherever they occur, not only inside the phrase.
/// </summary>
public static class SnippetBuilder
{
    /// <summary>Default longest passage, in characters of the source text (markers and ellipses not counted).</summary>
    public const int DefaultMaxLength = 240;

    /// <summary>Characters of body text examined per document at most; the best passage is sought within them.</summary>
    public const int AnalysisBudget = 64 * 1024;

    private const string Ellipsis = "…";

    /// <summary>
    /// The best window of at most <paramref name="maxLength"/> characters from the body paragraph with the most
    /// distinct matched terms (then the most matches, then the earliest) among the first
    /// <see cref="AnalysisBudget"/> characters of the body; the title when none matches; the start of the body
    /// when neither does.
    /// </summary>
    public static string Build(
        Analyzer analyzer, string title, IReadOnlyList<string> paragraphs, IReadOnlySet<string> terms, HighlightMarkers markers, int maxLength = DefaultMaxLength)
    {
        ArgumentNullException.ThrowIfNull(paragraphs);
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(markers);
        Window? best = null;
        long analyzed = 0;
        foreach (var paragraph in paragraphs)
        {
            // A huge document must not make a search slow: look no further than the budget, or than a window
            // that already shows every term.
            if (analyzed > AnalysisBudget || (best is not null && best.DistinctTerms == terms.Count))
            {
                break;
            }

            analyzed += paragraph.Length;
            var window = BestWindow(paragraph, Matches(analyzer, paragraph, terms), maxLength);
            if (window is not null && (best is null || window.IsBetterThan(best)))
            {
                best = window;
            }
        }

        best ??= BestWindow(title, Matches(analyzer, title, terms), maxLength);
        if (best is null)
        {
            var first = paragraphs.FirstOrDefault(p => p.Length > 0) ?? "";
            best = new Window(first, 0, CutEnd(first, 0, maxLength, 0), [], 0);
        }

        return best.Render(markers);
    }

    private static List<AnalyzedToken> Matches(Analyzer analyzer, string text, IReadOnlySet<string> terms)
    {
        var matches = new List<AnalyzedToken>();
        foreach (var token in AnalyzedToken.Analyze(analyzer, IndexFields.Body, text))
        {
            // NFKC may split one word into several tokens with the same offsets; mark the word once.
            if (terms.Contains(token.Term) && (matches.Count == 0 || matches[^1].StartOffset != token.StartOffset))
            {
                matches.Add(token);
            }
        }

        return matches;
    }

    private static Window? BestWindow(string text, List<AnalyzedToken> matches, int maxLength)
    {
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
            var window = new Window(text, start, end, inside, inside.Select(m => m.Term).Distinct(StringComparer.Ordinal).Count());
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
