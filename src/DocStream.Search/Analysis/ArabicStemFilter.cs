using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace DocStream.Search.Analysis;

/// <summary>
/// Stems Arabic-script tokens with <see cref="Light10Stemmer"/> and marks them as keywords, so the English stemmer
/// after it leaves them alone; other tokens pass unchanged. At the same position it may add two kinds of term:
/// <list type="bullet">
/// <item><b>Proclitic alternative</b> (type <see cref="AlternativeType"/>): a word that starts with a bare
/// <c>ب ل ف ك</c> (no article) also gives the stem of the rest, when the rest has at least 3 letters and a stem of
/// at least 3, so <c>بمدينة</c> and <c>لمجلس</c> are found by <c>مدينة</c> and <c>مجلس</c>, also inside a phrase.
/// The guards keep <c>بحر</c>, <c>لجنة</c> and <c>فيل</c> from giving <c>حر</c>, <c>جن</c> and <c>يل</c>.</item>
/// <item><b>Exact form</b> (type <see cref="ExactType"/>): when a stem has no more than
/// <see cref="Light10Stemmer.ShortestStem"/> letters, the word's core (its form without <c>و</c> and article, with its
/// suffixes) as <see cref="ExactMarker"/> + core, so a query can rank <c>مصر</c> above <c>المصري</c> where both stem
/// to <c>مصر</c>.</item>
/// </list>
/// Stacked terms do not count towards a field's length (BM25 discounts overlaps). Tokens already marked as keywords
/// are not stemmed.
/// </summary>
public sealed class ArabicStemFilter : TokenFilter
{
    /// <summary>The token type of a proclitic alternative.</summary>
    public const string AlternativeType = "<PROCLITIC_ALTERNATIVE>";

    /// <summary>The token type of an exact form.</summary>
    public const string ExactType = "<EXACT_FORM>";

    /// <summary>Starts an exact-form term; no analyzed word can contain it.</summary>
    public const char ExactMarker = '=';

    private const string Proclitics = "بلفك";

    private readonly ICharTermAttribute _term;
    private readonly IKeywordAttribute _keyword;
    private readonly IPositionIncrementAttribute _increment;
    private readonly ITypeAttribute _type;
    private readonly IFlagsAttribute _flags;
    // The stacked terms of the current word, end to end in one buffer, so that stacking allocates nothing per word.
    private readonly List<(int Start, int Length, string Type)> _stacked = [];
    private char[] _stackedChars = new char[64];
    private int _stackedCharCount;
    private int _nextStacked;
    private char[] _scratch = new char[32];
    private char[] _restScratch = new char[32];

    /// <summary>Wraps <paramref name="input"/>.</summary>
    public ArabicStemFilter(TokenStream input)
        : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _keyword = AddAttribute<IKeywordAttribute>();
        _increment = AddAttribute<IPositionIncrementAttribute>();
        _type = AddAttribute<ITypeAttribute>();
        _flags = AddAttribute<IFlagsAttribute>();
    }

    /// <inheritdoc />
    public override bool IncrementToken()
    {
        // Offsets and the keyword flag are still the word's: the input has not moved since.
        if (_nextStacked < _stacked.Count)
        {
            var (start, count, type) = _stacked[_nextStacked++];
            _term.CopyBuffer(_stackedChars, start, count);
            _type.Type = type;
            _increment.PositionIncrement = 0;
            return true;
        }

        _stacked.Clear();
        _stackedCharCount = 0;
        _nextStacked = 0;
        if (!m_input.IncrementToken())
        {
            return false;
        }

        if (_keyword.IsKeyword || !IsArabicScript(_term.Buffer.AsSpan(0, _term.Length)))
        {
            return true;
        }

        var length = _term.Length;
        if (_scratch.Length < length)
        {
            _scratch = new char[ArrayUtil.Oversize(length, sizeof(char))];
        }

        Array.Copy(_term.Buffer, _scratch, length);
        var word = _scratch.AsSpan(0, length);
        var hamzaAlefs = _flags.Flags;
        var prefix = Light10Stemmer.PrefixLength(_scratch, length, hamzaAlefs);
        var stemLength = Light10Stemmer.Stem(_term.Buffer, length, prefix);
        _term.SetLength(stemLength);
        _keyword.IsKeyword = true;
        var stem = _term.Buffer.AsSpan(0, stemLength);
        AddExactFormOfShortStem(stem, word[prefix..]);
        AddProcliticAlternative(word, prefix, stem, hamzaAlefs);
        return true;
    }

    /// <inheritdoc />
    public override void Reset()
    {
        base.Reset();
        _stacked.Clear();
        _stackedCharCount = 0;
        _nextStacked = 0;
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

    private void AddExactFormOfShortStem(ReadOnlySpan<char> stem, ReadOnlySpan<char> core)
    {
        if (stem.Length <= Light10Stemmer.ShortestStem)
        {
            var start = Reserve(core.Length + 1);
            _stackedChars[start] = ExactMarker;
            core.CopyTo(_stackedChars.AsSpan(start + 1));
            _stacked.Add((start, core.Length + 1, ExactType));
        }
    }

    /// <summary>Room for <paramref name="length"/> more stacked characters; returns where they start.</summary>
    private int Reserve(int length)
    {
        if (_stackedCharCount + length > _stackedChars.Length)
        {
            Array.Resize(ref _stackedChars, ArrayUtil.Oversize(_stackedCharCount + length, sizeof(char)));
        }

        var start = _stackedCharCount;
        _stackedCharCount += length;
        return start;
    }

    private void AddProcliticAlternative(ReadOnlySpan<char> word, int prefix, ReadOnlySpan<char> stem, int hamzaAlefs)
    {
        // Only after a stripped و or nothing: an article already took the place of the proclitic.
        if (prefix > 1 || (prefix == 1 && word[0] != 'و'))
        {
            return;
        }

        if (word.Length - prefix < 4 || !Proclitics.Contains(word[prefix]))
        {
            return;
        }

        var rest = word[(prefix + 1)..];

        if (_restScratch.Length < rest.Length)
        {
            _restScratch = new char[ArrayUtil.Oversize(rest.Length, sizeof(char))];
        }

        rest.CopyTo(_restScratch);
        var restPrefix = Light10Stemmer.PrefixLength(_restScratch, rest.Length, hamzaAlefs >> (prefix + 1));
        var restCore = rest[restPrefix..];
        var restStem = _restScratch.AsSpan(0, Light10Stemmer.Stem(_restScratch, rest.Length, restPrefix));
        if (restStem.Length < Light10Stemmer.ShortestStem || restStem.SequenceEqual(stem))
        {
            return;
        }

        var start = Reserve(restStem.Length);
        restStem.CopyTo(_stackedChars.AsSpan(start));
        _stacked.Add((start, restStem.Length, AlternativeType));
        AddExactFormOfShortStem(restStem, restCore);
    }
}
