using System.Text;

namespace DocStream.Core.Parsing;

/// <summary>
/// Line splitting and cleaning. Cleaning removes invisible format characters, turns no-break spaces
/// into ordinary spaces and trims; it never changes visible text otherwise.
/// </summary>
internal static class TextHygiene
{
    /// <summary>Zero-width and bidirectional format characters that carry no visible text.</summary>
    public static bool IsInvisible(char c) =>
        c is (>= '\u200B' and <= '\u200F') or '\u2060' or '\uFEFF' or '\u061C'
            or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    /// <summary>No-break and other fixed-width spaces that should read as a plain space in fields.</summary>
    public static bool IsSpaceLike(char c) => c is '\u00A0' or '\u2007' or '\u202F';

    /// <summary>
    /// Splits on LF, CRLF, CR, NEL (U+0085), LS (U+2028) and PS (U+2029) and cleans each line.
    /// Empty lines are kept (as empty strings) so callers can see paragraph breaks.
    /// </summary>
    public static List<string> SplitCleanLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029')
            {
                lines.Add(Clean(text.AsSpan(start, i - start)));
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        lines.Add(Clean(text.AsSpan(start)));
        return lines;
    }

    /// <summary>Removes invisible characters, maps no-break spaces to U+0020 and trims white space.</summary>
    public static string Clean(ReadOnlySpan<char> raw)
    {
        var needsRewrite = false;
        foreach (var c in raw)
        {
            if (IsInvisible(c) || IsSpaceLike(c))
            {
                needsRewrite = true;
                break;
            }
        }

        if (!needsRewrite)
        {
            return raw.Trim().ToString();
        }

        var builder = new StringBuilder(raw.Length);
        foreach (var c in raw)
        {
            if (IsInvisible(c))
            {
                continue;
            }

            builder.Append(IsSpaceLike(c) ? ' ' : c);
        }

        return builder.ToString().Trim();
    }

    /// <summary>Shortens text for use inside a warning message.</summary>
    public static string Excerpt(string text, int max = 80)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return string.Concat(text.AsSpan(0, cut), "…");
    }
}
