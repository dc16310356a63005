namespace DocStream.Core.Parsing;

/// <summary>
/// Splits a keywords line into terms. When the line contains any explicit delimiter
/// (<c>،</c> <c>,</c> <c>|</c> <c>؛</c> <c>;</c>) it is split on those only, so multi-word terms survive.
/// Otherwise the line gives no sign where a multi-word term ends, so the article itself is asked: a run of
/// the line's words (up to <see cref="LongestTerm"/>) that stands together in the headline or body, the first word
/// perhaps with an attached <c>و ب ل ف ك</c> and the others perhaps with or without the article, is one term (<c>قطاع غزة</c>, <c>جامعة الملك سعود</c>); a definite
/// adjective of relation left alone joins a term ending in a definite word (<c>الجيش الإسرائيلي</c>); any other word
/// that starts no run is a term alone. Terms are trimmed; empty and repeated terms are dropped, first occurrence kept.
/// </summary>
internal static class KeywordSplitter
{
    /// <summary>The most words one term found through the article may have.</summary>
    public const int LongestTerm = 6;

    /// <summary>A delimiter-less line of more words is split on white space only: no real keywords line is that long.</summary>
    private const int LongestLineToSegment = 64;

    private static readonly char[] Delimiters = ['،', ',', '|', '؛', ';'];

    private static readonly string[] Proclitics = ["و", "ب", "ل", "ف", "ك", "وب", "ول", "فب", "فل", "وك"];

    /// <summary>Splits <paramref name="line"/>; <paramref name="articleText"/> (headline and body) tells multi-word terms apart.</summary>
    public static IReadOnlyList<string> Split(string line, IEnumerable<string> articleText)
    {
        if (line.IndexOfAny(Delimiters) >= 0)
        {
            return Distinct(line.Split(Delimiters, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        }

        var words = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2 || words.Length > LongestLineToSegment)
        {
            return Distinct(words);
        }

        var runs = LongestRunsInText(words, articleText);
        var terms = new List<string>(words.Length);
        for (var i = 0; i < words.Length;)
        {
            var length = runs[i] >= 2 ? runs[i] : 1;
            var term = string.Join(' ', words, i, length);
            if (length == 1 && terms.Count > 0 && IsDefiniteNisbaAdjective(Fold(words[i])) && LastWord(terms[^1]).StartsWith("ال", StringComparison.Ordinal))
            {
                terms[^1] += " " + term;
            }
            else
            {
                terms.Add(term);
            }

            i += length;
        }

        return Distinct(terms);
    }

    /// <summary>For each word of the line, the most words from it on that stand together in the text.</summary>
    private static int[] LongestRunsInText(string[] words, IEnumerable<string> articleText)
    {
        var folded = words.Select(Fold).ToArray();
        var starts = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < folded.Length; i++)
        {
            if (!starts.TryGetValue(folded[i], out var at))
            {
                starts[folded[i]] = at = [];
            }

            at.Add(i);
        }

        // The text is scanned as spans of its own strings: the line has a few words, the text thousands.
        var lookup = starts.GetAlternateLookup<ReadOnlySpan<char>>();
        var runs = new int[words.Length];
        var textWords = new TextWords();
        foreach (var text in articleText)
        {
            textWords.Read(text);
            for (var j = 0; j < textWords.Count; j++)
            {
                foreach (var i in LineWordsStartingAt(textWords[j], lookup))
                {
                    var length = 1;
                    while (length < LongestTerm && i + length < folded.Length && j + length < textWords.Count
                           && SameUpToArticle(textWords[j + length], folded[i + length]))
                    {
                        length++;
                    }

                    runs[i] = Math.Max(runs[i], length);
                }
            }
        }

        return runs;
    }

    /// <summary>The line words a text word is, as written or after an attached proclitic.</summary>
    private static List<int> LineWordsStartingAt(ReadOnlySpan<char> textWord, Dictionary<string, List<int>>.AlternateLookup<ReadOnlySpan<char>> starts)
    {
        List<int>? found = null;
        Span<char> withArticle = stackalloc char[LongestDroppedAlefWord];
        if (starts.TryGetValue(textWord, out var exact))
        {
            found = exact;
        }

        foreach (var proclitic in Proclitics)
        {
            if (textWord.Length > proclitic.Length + 1 && textWord.StartsWith(proclitic, StringComparison.Ordinal))
            {
                var rest = textWord[proclitic.Length..];
                if (starts.TryGetValue(rest, out var at))
                {
                    found = Union(found, at);
                }

                // ل before ال drops the alef: للحكومة is ل + الحكومة.
                if (proclitic is "ل" or "ول" && rest[0] == 'ل' && rest.Length < LongestDroppedAlefWord)
                {
                    withArticle[0] = 'ا';
                    rest.CopyTo(withArticle[1..]);
                    if (starts.TryGetValue(withArticle[..(rest.Length + 1)], out var defined))
                    {
                        found = Union(found, defined);
                    }
                }
            }
        }

        return found ?? NoLineWords;
    }

    private static readonly List<int> NoLineWords = [];

    /// <summary>Longest word given back its article's alef (<c>للحكومة</c> → <c>الحكومة</c>); longer ones are no keyword.</summary>
    private const int LongestDroppedAlefWord = 64;

    // Rare: a word that matches the line both as written and after a proclitic.
    private static List<int> Union(List<int>? found, List<int> more) => found is null ? more : [.. found, .. more];

    /// <summary>
    /// True when two words of a run are the same, or one is the other with the article: an annexation marks
    /// definiteness on its last noun only, so the body's <c>لتحلية مياه</c> and <c>سلم رواتب</c> are the line's
    /// <c>تحلية المياه</c> and <c>سلم الرواتب</c>.
    /// </summary>
    private static bool SameUpToArticle(ReadOnlySpan<char> textWord, ReadOnlySpan<char> lineWord) =>
        textWord.SequenceEqual(lineWord) || IsWithArticle(textWord, lineWord) || IsWithArticle(lineWord, textWord);

    private static bool IsWithArticle(ReadOnlySpan<char> definite, ReadOnlySpan<char> bare) =>
        definite.Length == bare.Length + 2 && definite.StartsWith("ال", StringComparison.Ordinal) && definite[2..].SequenceEqual(bare);

    /// <summary>
    /// <c>الخليجي</c>, <c>الفلسطينية</c>: a definite adjective of relation, which agrees with the definite noun before it
    /// (<c>القضية الفلسطينية</c>, <c>الدرهم الإماراتي</c>) and so belongs to it rather than standing alone.
    /// </summary>
    private static bool IsDefiniteNisbaAdjective(string word) =>
        word.Length >= 5 && word.StartsWith("ال", StringComparison.Ordinal)
        && (word.EndsWith('ي') || word.EndsWith("ية", StringComparison.Ordinal) || word.EndsWith("يه", StringComparison.Ordinal));

    private static string LastWord(string term) => Fold(term[(term.LastIndexOf(' ') + 1)..]);

    /// <summary>A word without diacritics, tatweel or the punctuation around it, for comparison only.</summary>
    private static string Fold(string word)
    {
        var (start, length, copy) = FoldWord(word);
        // Most words need nothing removed: keep them rather than copy them.
        return copy ?? (length == word.Length ? word : word.Substring(start, length));
    }

    /// <summary>
    /// Where <paramref name="word"/> stands without the punctuation around it; when it also holds diacritics or
    /// tatweel, the word without them as a new string instead.
    /// </summary>
    private static (int Start, int Length, string? Copy) FoldWord(ReadOnlySpan<char> word)
    {
        var (start, end) = LetterOrDigitBounds(word);
        var trimmed = word[start..end];
        if (!trimmed.ContainsAny(IgnorableMarks))
        {
            return (start, end - start, null);
        }

        var folded = new System.Text.StringBuilder(trimmed.Length);
        foreach (var c in trimmed)
        {
            if (!LineClassifier.IsIgnorableMark(c))
            {
                folded.Append(c);
            }
        }

        // Tatweel counts as a letter above, so punctuation it hid may now end the word.
        var copy = folded.ToString();
        var (first, last) = LetterOrDigitBounds(copy);
        var result = first == 0 && last == copy.Length ? copy : copy[first..last];
        return (0, result.Length, result);
    }

    /// <summary>Where <paramref name="word"/> starts and ends without the punctuation and symbols around it.</summary>
    private static (int Start, int End) LetterOrDigitBounds(ReadOnlySpan<char> word)
    {
        var start = 0;
        var end = word.Length;
        while (start < end && !char.IsLetterOrDigit(word[start]))
        {
            start++;
        }

        while (end > start && !char.IsLetterOrDigit(word[end - 1]))
        {
            end--;
        }

        return (start, end);
    }

    private static readonly System.Buffers.SearchValues<char> IgnorableMarks = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0, 0x10000).Select(c => (char)c).Where(LineClassifier.IsIgnorableMark)]);

    /// <summary>The folded words of one text, as slices of it (a word that held diacritics as a copy), reused text after text.</summary>
    private sealed class TextWords
    {
        private readonly List<(int Start, int Length, string? Copy)> _words = [];
        private string _text = "";

        public int Count => _words.Count;

        public ReadOnlySpan<char> this[int index]
        {
            get
            {
                var (start, length, copy) = _words[index];
                return copy ?? _text.AsSpan(start, length);
            }
        }

        public void Read(string text)
        {
            _text = text;
            _words.Clear();
            var position = 0;
            while (position < text.Length)
            {
                while (position < text.Length && char.IsWhiteSpace(text[position]))
                {
                    position++;
                }

                var wordStart = position;
                while (position < text.Length && !char.IsWhiteSpace(text[position]))
                {
                    position++;
                }

                if (position > wordStart)
                {
                    var (start, length, copy) = FoldWord(text.AsSpan(wordStart, position - wordStart));
                    _words.Add(copy is null ? (wordStart + start, length, null) : (0, length, copy));
                }
            }
        }
    }

    private static List<string> Distinct(IEnumerable<string> parts)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var terms = new List<string>();
        foreach (var part in parts)
        {
            if (seen.Add(part))
            {
                terms.Add(part);
            }
        }

        return terms;
    }
}
