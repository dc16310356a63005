namespace DocStream.Search.Analysis;

/// <summary>
/// Larkey, Ballesteros and Connell's <em>light10</em> Arabic stemmer, on normalised text (so <c>ة</c> is
/// already <c>ه</c> and <c>ى</c> already <c>ي</c>), with longer-stem guards. In order:
/// <list type="number">
/// <item>strip a leading <c>و</c> when at least 3 characters remain;</item>
/// <item>strip the first of the articles <c>وال بال كال فال ال لل</c> that starts the word, when at least 2 characters
/// remain and its alef was not written with hamza (<c>ألياف</c>, <c>وإلغاء</c> have no article);</item>
/// <item>go once through the suffixes <c>ها ان ات ون ين يه ية ه ة ي</c> in that order, stripping each one the word
/// then ends with, when at least 3 characters remain, and at least 4 for <c>ان ون ين</c>.</item>
/// </list>
/// Unlike Lucene's <c>ArabicStemmer</c>, which removes at most one prefix, step 1 and 2 both apply, so
/// <c>وبالمفاوضات</c> and <c>مفاوضات</c> share a stem. Published light10 strips a suffix down to 2 letters; the
/// guards keep <c>عمان</c>, <c>حسين</c>, <c>لبنان</c> and <c>البحرين</c> from becoming <c>عم</c>, <c>حس</c>,
/// <c>لبن</c> (milk) and <c>بحر</c> (sea): a dual or plural ending on three letters is more often part of a name.
/// </summary>
public static class Light10Stemmer
{
    private static readonly string[] Articles = ["وال", "بال", "كال", "فال", "ال", "لل"];

    // ية and ة are kept from the published list although normalisation has already turned them into يه and ه.
    private static readonly string[] Suffixes = ["ها", "ان", "ات", "ون", "ين", "يه", "ية", "ه", "ة", "ي"];

    /// <summary>The shortest stem a suffix may leave.</summary>
    public const int ShortestStem = 3;

    /// <summary>Stems <paramref name="buffer"/>[0..<paramref name="length"/>) in place; returns the new length.</summary>
    public static int Stem(char[] buffer, int length) => Stem(buffer, length, PrefixLength(buffer, length, hamzaAlefs: 0));

    /// <summary>
    /// Stems <paramref name="buffer"/>[0..<paramref name="length"/>) in place, its <see cref="PrefixLength"/> already
    /// known to be <paramref name="prefixLength"/>; returns the new length.
    /// </summary>
    public static int Stem(char[] buffer, int length, int prefixLength)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        var start = prefixLength;
        var end = length;
        foreach (var suffix in Suffixes)
        {
            if (end - start >= suffix.Length + ShortestRemainder(suffix) && EndsWith(buffer, end, suffix))
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

    /// <summary>
    /// How many leading characters steps 1 and 2 strip: the word's core, which keeps its suffixes, starts there.
    /// <paramref name="hamzaAlefs"/> has bit <c>i</c> set when character <c>i</c> was an alef written with hamza (see
    /// <see cref="ArabicNormalizer.Normalize(char[], int, out int)"/>).
    /// </summary>
    public static int PrefixLength(char[] buffer, int length, int hamzaAlefs)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        var start = 0;
        if (length >= 4 && buffer[0] == 'و')
        {
            start++;
        }

        foreach (var article in Articles)
        {
            if (length - start >= article.Length + 2 && StartsWith(buffer, start, article)
                && !IsWrittenWithHamza(article, start, hamzaAlefs))
            {
                return start + article.Length;
            }
        }

        return start;
    }

    /// <summary>Stems a whole word (for tests).</summary>
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var buffer = word.ToCharArray();
        return new string(buffer, 0, Stem(buffer, buffer.Length));
    }

    private static bool IsWrittenWithHamza(string article, int start, int hamzaAlefs)
    {
        var alef = article.IndexOf('ا');
        return alef >= 0 && (hamzaAlefs & (1 << (start + alef))) != 0;
    }

    private static int ShortestRemainder(string suffix) => suffix is "ان" or "ون" or "ين" ? ShortestStem + 1 : ShortestStem;

    private static bool StartsWith(char[] buffer, int start, string prefix) =>
        buffer.AsSpan(start, prefix.Length).SequenceEqual(prefix);

    private static bool EndsWith(char[] buffer, int end, string suffix) =>
        buffer.AsSpan(end - suffix.Length, suffix.Length).SequenceEqual(suffix);
}
