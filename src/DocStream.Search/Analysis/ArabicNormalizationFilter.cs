using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace DocStream.Search.Analysis;

/// <summary>
/// Applies <see cref="ArabicNormalizer"/> to each token. A token left empty (only tatweel or marks) is dropped and
/// its position is kept as a gap. The token's flags (<see cref="IFlagsAttribute"/>) carry where its first letters
/// were alefs written with hamza, which normalisation erases and <see cref="ArabicStemFilter"/> needs.
/// </summary>
public sealed class ArabicNormalizationFilter : TokenFilter
{
    private readonly ICharTermAttribute _term;
    private readonly IPositionIncrementAttribute _positionIncrement;
    private readonly IFlagsAttribute _flags;

    /// <summary>Wraps <paramref name="input"/>.</summary>
    public ArabicNormalizationFilter(TokenStream input)
        : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _positionIncrement = AddAttribute<IPositionIncrementAttribute>();
        _flags = AddAttribute<IFlagsAttribute>();
    }

    /// <inheritdoc />
    public override bool IncrementToken()
    {
        var skipped = 0;
        while (m_input.IncrementToken())
        {
            var length = ArabicNormalizer.Normalize(_term.Buffer, _term.Length, out var hamzaAlefs);
            if (length > 0)
            {
                _term.SetLength(length);
                _flags.Flags = hamzaAlefs;
                _positionIncrement.PositionIncrement += skipped;
                return true;
            }

            skipped += _positionIncrement.PositionIncrement;
        }

        return false;
    }
}
