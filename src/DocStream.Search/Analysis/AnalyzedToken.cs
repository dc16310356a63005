using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace DocStream.Search.Analysis;

/// <summary>One term the analyzer produced, where it sits, and which characters of the input it came from.</summary>
/// <param name="Term">The indexed form.</param>
/// <param name="Position">Zero-based position; stop words leave gaps.</param>
/// <param name="StartOffset">First character of the source word in the input.</param>
/// <param name="EndOffset">One past the last character of the source word.</param>
public readonly record struct AnalyzedToken(string Term, int Position, int StartOffset, int EndOffset)
{
    /// <summary>Runs <paramref name="analyzer"/> over <paramref name="text"/> and collects every token.</summary>
    public static List<AnalyzedToken> Analyze(Analyzer analyzer, string field, string text)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        var tokens = new List<AnalyzedToken>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            tokens.Add(new AnalyzedToken(term.ToString(), position, offset.StartOffset, offset.EndOffset));
        }

        stream.End();
        return tokens;
    }
}
