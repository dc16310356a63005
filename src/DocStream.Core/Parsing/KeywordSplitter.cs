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

        var runs = new int[words.Length];
        foreach (var text in articleText)
        {
            var textWords = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(Fold).ToArray();
            for (var j = 0; j < textWords.Length; j++)
            {
                foreach (var i in LineWordsStartingAt(textWords[j], starts))
                {
                    var length = 1;
                    while (length < LongestTerm && i + length < folded.Length && j + length < textWords.Length
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
    private static IEnumerable<int> LineWordsStartingAt(string textWord, Dictionary<string, List<int>> starts)
    {
        if (starts.TryGetValue(textWord, out var exact))
        {
            foreach (var i in exact)
            {
                yield return i;
            }
        }

        foreach (var proclitic in Proclitics)
        {
            if (textWord.Length > proclitic.Length + 1 && textWord.StartsWith(proclitic, StringComparison.Ordinal))
            {
                var rest = textWord[proclitic.Length..];
                if (starts.TryGetValue(rest, out var at))
                {
                    foreach (var i in at)
                    {
                        yield return i;
                    }
                }

                // ل before ال drops the alef: للحكومة is ل + الحكومة.
                if (proclitic is "ل" or "ول" && rest.StartsWith('ل') && starts.TryGetValue("ا" + rest, out var withArticle))
                {
                    foreach (var i in withArticle)
                    {
                        yield return i;
                    }
                }
            }
        }
    }

    /// <summary>
    /// True when two words of a run are the same, or one is the other with the article: an annexation marks
    /// definiteness on its last noun only, so the body's <c>لتحلية مياه</c> and <c>سلم رواتب</c> are the line's
    /// <c>تحلية المياه</c> and <c>سلم الرواتب</c>.
    /// </summary>
    private static bool SameUpToArticle(string textWord, string lineWord) =>
        textWord == lineWord || IsWithArticle(textWord, lineWord) || IsWithArticle(lineWord, textWord);

    private static bool IsWithArticle(string definite, string bare) =>
        definite.Length == bare.Length + 2 && definite.StartsWith("ال", StringComparison.Ordinal)
        && definite.AsSpan(2).SequenceEqual(bare);

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
        // Most words need nothing removed: keep them rather than copy them.
        if (word.Length > 0 && char.IsLetterOrDigit(word[0]) && char.IsLetterOrDigit(word[^1]) && !word.Any(LineClassifier.IsIgnorableMark))
        {
            return word;
        }

        var folded = new System.Text.StringBuilder(word.Length);
        foreach (var c in word)
        {
            if (!LineClassifier.IsIgnorableMark(c))
            {
                folded.Append(c);
            }
        }

        var start = 0;
        var end = folded.Length;
        while (start < end && !char.IsLetterOrDigit(folded[start]))
        {
            start++;
        }

        while (end > start && !char.IsLetterOrDigit(folded[end - 1]))
        {
            end--;
        }

        return folded.ToString(start, end - start);
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
