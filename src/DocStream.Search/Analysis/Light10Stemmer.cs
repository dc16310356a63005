namespace DocStream.Search.Analysis;

/// <summary>
/// Larkey, Ballesteros and Connell's <em>light10</em> Arabic stemmer, on normalised text (so <c>ة</c> is
/// already <c>ه</c> and <c>ى</c> already <c>ي</c>). In order:
/// <list type="number">
/// <item>strip a leading <c>و</c> when at least 3 characters remain;</item>
/// <item>strip the first of the articles <c>وال بال كال فال ال لل</c> that starts the word, when at least 2 characters remain;</item>
/// <item>go once through the suffixes <c>ها ان ات ون ين يه ية ه ة ي</c> in that order, stripping each one the word
/// then ends with, when at least 2 characters remain.</item>
/// </list>
/// Unlike Lucene's <c>ArabicStemmer</c>, which removes at most one prefix, step 1 and 2 both apply, so
/// <c>وبالمفاوضات</c> and <c>مفاوضات</c> share a stem.
/// </summary>
public static class Light10Stemmer
{
    private static readonly string[] Articles = ["وال", "بال", "كال", "فال", "ال", "لل"];

    // ية and ة are kept from the published list although normalisation has already turned them into يه and ه.
    private static readonly string[] Suffixes = ["ها", "ان", "ات", "ون", "ين", "يه", "ية", "ه", "ة", "ي"];

    /// <summary>Stems <paramref name="buffer"/>[0..<paramref name="length"/>) in place; returns the new length.</summary>
    public static int Stem(char[] buffer, int length)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        var start = 0;
        var end = length;
        if (end - start >= 4 && buffer[start] == 'و')
        {
            start++;
        }

        foreach (var article in Articles)
        {
            if (end - start >= article.Length + 2 && StartsWith(buffer, start, article))
            {
                start += article.Length;
                break;
            }
        }

        foreach (var suffix in Suffixes)
        {
            if (end - start >= suffix.Length + 2 && EndsWith(buffer, end, suffix))
            {
                end -= suffix.Length;
            }
        }

        if (start > 0)
        {
            Array.Copy(buffer, start, buffer, 0, end - start);
        }

        return end - start;
    }

    /// <summary>Stems a whole word (for tests).</summary>
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var buffer = word.ToCharArray();
        return new string(buffer, 0, Stem(buffer, buffer.Length));
    }

    private static bool StartsWith(char[] buffer, int start, string prefix) =>
        buffer.AsSpan(start, prefix.Length).SequenceEqual(prefix);

    private static bool EndsWith(char[] buffer, int end, string suffix) =>
        buffer.AsSpan(end - suffix.Length, suffix.Length).SequenceEqual(suffix);
}
