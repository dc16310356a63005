using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace DocStream.Search.Analysis;

/// <summary>
/// Puts each token in Unicode NFKC: presentation forms and ligatures become plain letters (<c>ﻻ</c> → <c>لا</c>),
/// a letter plus a combining hamza becomes the composed letter, full-width Latin becomes ASCII. A token that
/// NFKC turns into several words (<c>ﷺ</c>) is split into one token per word at consecutive positions, all with
/// the original token's offsets.
/// </summary>
public sealed class NfkcNormalizationFilter : TokenFilter
{
    private readonly ICharTermAttribute _term;
    private readonly IPositionIncrementAttribute _positionIncrement;
    private readonly Queue<string> _pending = new();
    private State? _state;

    /// <summary>Wraps <paramref name="input"/>.</summary>
    public NfkcNormalizationFilter(TokenStream input)
        : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _positionIncrement = AddAttribute<IPositionIncrementAttribute>();
    }

    /// <inheritdoc />
    public override bool IncrementToken()
    {
        if (_pending.Count > 0)
        {
            RestoreState(_state);
            _term.SetEmpty().Append(_pending.Dequeue());
            _positionIncrement.PositionIncrement = 1;
            return true;
        }

        if (!m_input.IncrementToken())
        {
            return false;
        }

        var span = _term.Buffer.AsSpan(0, _term.Length);
        if (IsAsciiOrBasicArabicLetters(span) || span.IsNormalized(NormalizationForm.FormKC))
        {
            return true;
        }

        var normalized = span.ToString().Normalize(NormalizationForm.FormKC);
        var parts = normalized.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            // NFKC left nothing but spaces: keep the original rather than emit an empty term.
            return true;
        }

        _term.SetEmpty().Append(parts[0]);
        if (parts.Length > 1)
        {
            _state = CaptureState();
            foreach (var part in parts.Skip(1))
            {
                _pending.Enqueue(part);
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override void Reset()
    {
        base.Reset();
        _pending.Clear();
        _state = null;
    }

    // Fast path: ASCII and the Arabic letters ء..ي (U+0621–U+064A) are NFKC-stable on their own; the check must
    // exclude combining marks because a mark can compose with the letter before it.
    private static bool IsAsciiOrBasicArabicLetters(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (c >= 0x80 && c is not (>= '\u0621' and <= '\u064A'))
            {
                return false;
            }
        }

        return true;
    }
}
