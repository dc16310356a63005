using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace DocStream.Search.Analysis;

/// <summary>
/// Stems Arabic-script tokens with <see cref="Light10Stemmer"/> and marks them as keywords, so the English
/// stemmer after it leaves them alone. Other tokens pass unchanged. Tokens already marked as keywords are not stemmed.
/// </summary>
public sealed class Light10StemFilter : TokenFilter
{
    private readonly ICharTermAttribute _term;
    private readonly IKeywordAttribute _keyword;

    /// <summary>Wraps <paramref name="input"/>.</summary>
    public Light10StemFilter(TokenStream input)
        : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _keyword = AddAttribute<IKeywordAttribute>();
    }

    /// <inheritdoc />
    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }

        if (!_keyword.IsKeyword && IsArabicScript(_term.Buffer.AsSpan(0, _term.Length)))
        {
            _term.SetLength(Light10Stemmer.Stem(_term.Buffer, _term.Length));
            _keyword.IsKeyword = true;
        }

        return true;
    }

    /// <summary>True when the token holds any character of the Arabic block (U+0600–U+06FF) or its supplements.</summary>
    public static bool IsArabicScript(ReadOnlySpan<char> token)
    {
        foreach (var c in token)
        {
            if (c is (>= '\u0600' and <= '\u06FF') or (>= '\u0750' and <= '\u077F') or (>= '\u08A0' and <= '\u08FF'))
            {
                return true;
            }
        }

        return false;
    }
}
