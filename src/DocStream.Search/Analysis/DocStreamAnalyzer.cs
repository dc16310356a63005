using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace DocStream.Search.Analysis;

/// <summary>
/// The one analysis chain used to index and to query, so both sides produce the same terms:
/// UAX#29 words (StandardTokenizer) → NFKC → lower case → English possessive <c>'s</c> removed → Arabic
/// normalisation → stop words removed (positions kept) → light10 on Arabic-script tokens (with stacked proclitic alternatives and exact forms of short stems, see <see cref="ArabicStemFilter"/>) → Porter on the rest.
/// </summary>
public sealed class DocStreamAnalyzer : Analyzer
{
    /// <summary>
    /// Bumped whenever any rule of the chain changes. The index records it; an index written by another version is
    /// rebuilt at startup.
    /// </summary>
    public const int Version = 3;

    /// <summary>The Lucene compatibility level of the tokenizer and filters.</summary>
    public const LuceneVersion MatchVersion = LuceneVersion.LUCENE_48;

    /// <summary>Positions left between two values of a multi-valued field, so a phrase never spans paragraphs.</summary>
    public const int ValueGap = 100;

    private static readonly CharArraySet StopSet = new(MatchVersion, StopWords.Normalized.ToArray(), ignoreCase: false);

    /// <inheritdoc />
    public override int GetPositionIncrementGap(string fieldName) => ValueGap;

    /// <inheritdoc />
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new StandardTokenizer(MatchVersion, reader);
        TokenStream stream = new NfkcNormalizationFilter(tokenizer);
        stream = new CaselessScriptLowerCaseFilter(stream);
        stream = new EnglishPossessiveFilter(MatchVersion, stream);
        stream = new ArabicNormalizationFilter(stream);
        stream = new StopFilter(MatchVersion, stream, StopSet);
        stream = new ArabicStemFilter(stream);
        stream = new PorterStemFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
    }
}
