namespace DocStream.Core.Parsing;

/// <summary>
/// Recognises labelled lines, section markers and bullets in a cleaned line.
/// Arabic phrases are matched after folding: diacritics (tashkeel, tanween) and tatweel are ignored,
/// and the alef forms أ إ آ ٱ match a bare ا, so <c>إقرأ أيضاً</c>, <c>اقرأ أيضا</c> and <c>اقرأ أيضًا</c> are one marker.
/// Any run of white space in the line matches the single space between phrase words.
/// </summary>
internal static class LineClassifier
{
    // Phrases are written in folded form: bare alef, no diacritics.
    private const string SourcePhrase = "المصدر";
    private const string KeywordsPhrase = "كلمات دلالية";
    private const string ReadAlsoPhrase = "اقرا ايضا";
    private const string SimilarArticlesPhrase = "مقالات مشابهة";

    // Longest first where one begins another, so that "published on:" is not read as "published" plus "on: ...".
    // English labels are matched without case (they are written here in lower case).
    private static readonly string[] DatePhrases = ["تاريخ النشر", "نشر بتاريخ", "نشر في", "تاريخ", "publication date", "published on", "published", "date"];

    private const int MaxDateValueLength = 200;

    private static readonly string[] UpdatePhrases = ["اخر تحديث", "تاريخ التحديث", "تم التحديث", "تحديث", "last updated", "updated on", "updated", "last modified", "modified"];
    private static readonly string[] RelatedNewsPhrases = ["اخبار ذات صلة", "مقالات ذات صلة"];

    /// <summary><c>المصدر: value</c> or <c>المصدر : value</c>.</summary>
    public static bool TryGetSource(string line, out string value) => TryMatchLabel(line, SourcePhrase, out value);

    /// <summary><c>كلمات دلالية: value</c>.</summary>
    public static bool TryGetKeywords(string line, out string value) => TryMatchLabel(line, KeywordsPhrase, out value);

    /// <summary><c>تاريخ النشر:</c>, <c>نشر بتاريخ:</c>, <c>نشر في:</c> or <c>تاريخ:</c> followed by a value.</summary>
    public static bool TryGetDate(string line, out string value)
    {
        foreach (var phrase in DatePhrases)
        {
            if (TryMatchLabel(line, phrase, out value))
            {
                return true;
            }
        }

        value = "";
        return false;
    }

    /// <summary>
    /// A last-updated line (<c>آخر تحديث:</c>, <c>تاريخ التحديث:</c>, <c>Updated:</c>, <c>Last updated:</c> ...): metadata, never
    /// the publication date.
    /// </summary>
    public static bool IsUpdateLine(string line)
    {
        foreach (var phrase in UpdatePhrases)
        {
            if (TryMatchLabel(line, phrase, out _))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Where a publication date's value goes on with a last-updated date (<c>13 October 2023 | آخر تحديث: 14 October
    /// 2023</c>, <c>2024-03-02, updated 2024-03-03</c>): the index of that update phrase, at a word start; -1 if none.
    /// </summary>
    public static int IndexOfUpdatePhrase(string value)
    {
        // Date values are short; a long one is prose or garbage, and is not searched (the scan stays linear).
        if (value.Length > MaxDateValueLength)
        {
            return -1;
        }

        for (var i = 1; i < value.Length; i++)
        {
            if (char.IsLetterOrDigit(value[i - 1]) || IsIgnorableMark(value[i - 1]) || !char.IsLetter(value[i]))
            {
                continue;
            }

            foreach (var phrase in UpdatePhrases)
            {
                if (TryMatchPrefix(value[i..], phrase, out _))
                {
                    return i;
                }
            }
        }

        return -1;
    }

    /// <summary>
    /// A read-also marker: the phrase alone, optionally followed by a colon and the teaser's title on the same line.
    /// Without a colon, any further text means the line is ordinary prose, not a marker.
    /// </summary>
    public static bool TryGetReadAlso(string line, out string inlineTitle)
    {
        inlineTitle = "";
        if (!TryMatchPrefix(line, ReadAlsoPhrase, out var end))
        {
            return false;
        }

        end = SkipWhiteSpace(line, end);
        if (end == line.Length)
        {
            return true;
        }

        if (!IsColon(line[end]))
        {
            return false;
        }

        inlineTitle = line[(end + 1)..].Trim();
        return true;
    }

    /// <summary><c>مقالات مشابهة</c> alone on its line (optional trailing colon): starts the related-headlines section.</summary>
    public static bool IsSimilarArticlesMarker(string line) => IsStandalonePhrase(line, SimilarArticlesPhrase);

    /// <summary><c>أخبار ذات صلة</c> or <c>مقالات ذات صلة</c> alone on its line: a widget heading, never content.</summary>
    public static bool IsRelatedNewsMarker(string line)
    {
        foreach (var phrase in RelatedNewsPhrases)
        {
            if (IsStandalonePhrase(line, phrase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A bullet line: <c>•</c> or <c>·</c> (space after optional), <c>-</c> or <c>*</c> (space after required).
    /// </summary>
    public static bool TryGetBullet(string line, out string content)
    {
        content = "";
        if (line.Length < 2)
        {
            return false;
        }

        var glyph = line[0];
        var spaceRequired = glyph is '-' or '*';
        if (glyph is not ('•' or '·' or '-' or '*'))
        {
            return false;
        }

        if (spaceRequired && !char.IsWhiteSpace(line[1]))
        {
            return false;
        }

        content = line[1..].Trim();
        return content.Length > 0;
    }

    /// <summary>Maps a character to its folded form for phrase matching.</summary>
    public static char Fold(char c) => c switch
    {
        'أ' or 'إ' or 'آ' or 'ٱ' => 'ا',
        >= 'A' and <= 'Z' => (char)(c + ('a' - 'A')),
        _ => c,
    };

    /// <summary>Arabic diacritics (U+064B..U+065F, U+0670) and tatweel (U+0640): ignored when matching.</summary>
    public static bool IsIgnorableMark(char c) => c is (>= '\u064B' and <= '\u065F') or '\u0670' or '\u0640';

    private static bool IsColon(char c) => c is ':' or '：';

    private static bool IsStandalonePhrase(string line, string phrase)
    {
        if (!TryMatchPrefix(line, phrase, out var end))
        {
            return false;
        }

        end = SkipWhiteSpace(line, end);
        if (end < line.Length && IsColon(line[end]))
        {
            end = SkipWhiteSpace(line, end + 1);
        }

        return end == line.Length;
    }

    private static bool TryMatchLabel(string line, string phrase, out string value)
    {
        value = "";
        if (!TryMatchPrefix(line, phrase, out var end))
        {
            return false;
        }

        end = SkipWhiteSpace(line, end);
        if (end == line.Length || !IsColon(line[end]))
        {
            return false;
        }

        value = line[(end + 1)..].Trim();
        return true;
    }

    /// <summary>
    /// Matches a folded phrase at the start of <paramref name="line"/>. The match must end at a word boundary.
    /// </summary>
    private static bool TryMatchPrefix(string line, string phrase, out int end)
    {
        end = 0;
        var i = 0;
        foreach (var p in phrase)
        {
            if (p == ' ')
            {
                if (i >= line.Length || !char.IsWhiteSpace(line[i]))
                {
                    return false;
                }

                i = SkipWhiteSpace(line, i);
                continue;
            }

            while (i < line.Length && IsIgnorableMark(line[i]))
            {
                i++;
            }

            if (i >= line.Length || Fold(line[i]) != p)
            {
                return false;
            }

            i++;
        }

        while (i < line.Length && IsIgnorableMark(line[i]))
        {
            i++;
        }

        if (i < line.Length && char.IsLetterOrDigit(line[i]))
        {
            return false;
        }

        end = i;
        return true;
    }

    private static int SkipWhiteSpace(string line, int i)
    {
        while (i < line.Length && char.IsWhiteSpace(line[i]))
        {
            i++;
        }

        return i;
    }
}
