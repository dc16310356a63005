using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;

namespace DocStream.Search.Analysis;

/// <summary>
/// Lower-cases each token exactly as Lucene's <c>LowerCaseFilter</c> does, with a fast path for the tokens this
/// corpus is made of: ASCII letters are lowered in place and the Arabic block (U+0600–U+06FF), which has no case,
/// is left alone. Any other character sends the token through Lucene's per-code-point lowering, which asks ICU
/// for every character; that was about a twentieth of an import's time while every token took it.
/// </summary>
public sealed class CaselessScriptLowerCaseFilter : TokenFilter
{
    private readonly ICharTermAttribute _term;
    private readonly CharacterUtils _characters = CharacterUtils.GetInstance(DocStreamAnalyzer.MatchVersion);

    /// <summary>Wraps <paramref name="input"/>.</summary>
    public CaselessScriptLowerCaseFilter(TokenStream input)
        : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
    }

    /// <inheritdoc />
    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }

        var buffer = _term.Buffer;
        var length = _term.Length;
        for (var i = 0; i < length; i++)
        {
            var c = buffer[i];
            if (c is >= 'A' and <= 'Z')
            {
                buffer[i] = (char)(c | 0x20);
            }
            else if (c >= 0x80 && c is not (>= '\u0600' and <= '\u06FF'))
            {
                _characters.ToLower(buffer, i, length);
                break;
            }
        }

        return true;
    }
}
