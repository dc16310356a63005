namespace DocStream.Core.Parsing;

/// <summary>
/// Splits one bullet's text into headlines where a second headline was glued on with its own bullet glyph:
/// at every <c>•</c> (which never occurs inside a headline), and at <c>·</c> only with white space on both sides
/// (a middle dot between letters can be part of a word); and after a <c>؟</c> glued to a letter (a question
/// ends one headline, the next begins with no space). Headlines glued with no glyph at all are left as one item:
/// Arabic has no letter case and the seams (<c>أوكرانياالخارجية</c>, <c>الوسائلالكرملين</c>) look like ordinary
/// letter sequences, so any split there would be a guess.
/// </summary>
internal static class HeadlineSplitter
{
    public static void SplitInto(string bulletText, List<string> headlines)
    {
        var start = 0;
        for (var i = 0; i < bulletText.Length; i++)
        {
            var c = bulletText[i];
            var isSeam = c == '•'
                || (c == '·' && i > 0 && i + 1 < bulletText.Length
                    && char.IsWhiteSpace(bulletText[i - 1]) && char.IsWhiteSpace(bulletText[i + 1]));
            if (isSeam)
            {
                AddTrimmed(bulletText, start, i, headlines);
                start = i + 1;
            }
            else if (c == '؟' && i + 1 < bulletText.Length && char.IsLetter(bulletText[i + 1]))
            {
                // A question mark glued to the next word ends one headline and begins another; inside a headline it
                // is followed by a space (or a quote, a bracket).
                AddTrimmed(bulletText, start, i + 1, headlines);
                start = i + 1;
            }
        }

        AddTrimmed(bulletText, start, bulletText.Length, headlines);
    }

    private static void AddTrimmed(string text, int start, int end, List<string> headlines)
    {
        var part = text.AsSpan(start, end - start).Trim();
        if (part.Length > 0)
        {
            headlines.Add(part.ToString());
        }
    }
}
