using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace DocStream.Search.Analysis;

/// <summary>
/// Applies <see cref="ArabicNormalizer"/> to each token. A token left empty (only tatweel or marks) is dropped and
/// its position is kept as a gap.
/// </summary>
public sealed class ArabicNormalizationFilter : TokenFilter
{
    private readonly ICharTermAttribute _term;
    private readonly IPositionIncrementAttribute _positionIncrement;

    /// <summary>Wraps <paramref name="input"/>.</summary>
    public ArabicNormalizationFilter(TokenStream input)
        : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _positionIncrement = AddAttribute<IPositionIncrementAttribute>();
    }

    /// <inheritdoc />
    public override bool IncrementToken()
    {
        var skipped = 0;
        while (m_input.IncrementToken())
        {
            var length = ArabicNormalizer.Normalize(_term.Buffer, _term.Length);
            if (length > 0)
            {
                _term.SetLength(length);
                _positionIncrement.PositionIncrement += skipped;
                return true;
            }

            skipped += _positionIncrement.PositionIncrement;
        }

        return false;
    }
}
