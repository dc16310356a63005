using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace DocStream.Search.Analysis;

/// <summary>What an analyzed term stands for.</summary>
public enum TokenKind
{
    /// <summary>The word itself, stemmed: every word gives one.</summary>
    Word,

    /// <summary>The stem of the word without a bare proclitic (<c>مدين</c> for <c>بمدينة</c>), at the word's position.</summary>
    ProcliticAlternative,

    /// <summary>The exact form of a word with a short stem, at the word's position (see <see cref="ArabicStemFilter"/>).</summary>
    ExactForm,
}

/// <summary>One term the analyzer produced, where it sits, and which characters of the input it came from.</summary>
/// <param name="Term">The indexed form.</param>
/// <param name="Position">Zero-based position; stop words leave gaps.</param>
/// <param name="StartOffset">First character of the source word in the input.</param>
/// <param name="EndOffset">One past the last character of the source word.</param>
/// <param name="Kind">What the term stands for.</param>
public readonly record struct AnalyzedToken(string Term, int Position, int StartOffset, int EndOffset, TokenKind Kind = TokenKind.Word)
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
        var type = stream.AddAttribute<ITypeAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            var kind = type.Type switch
            {
                ArabicStemFilter.AlternativeType => TokenKind.ProcliticAlternative,
                ArabicStemFilter.ExactType => TokenKind.ExactForm,
                _ => TokenKind.Word,
            };
            tokens.Add(new AnalyzedToken(term.ToString(), position, offset.StartOffset, offset.EndOffset, kind));
        }

        stream.End();
        return tokens;
    }
}
