using System.Text;

namespace DocStream.Core.Parsing;

/// <summary>Counts and script detection over the raw text.</summary>
internal static class TextStatistics
{
    /// <summary>
    /// Unicode scalar values: a surrogate pair counts once; a lone surrogate (not a scalar value, but present
    /// in a .NET string) also counts once, as it would after replacement with U+FFFD.
    /// </summary>
    public static long CountCharacters(string text)
    {
        long count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }

            count++;
        }

        return count;
    }

    /// <summary>Maximal runs of characters that are not <see cref="char.IsWhiteSpace(char)"/>.</summary>
    public static long CountWords(string text)
    {
        long count = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var isSpace = char.IsWhiteSpace(c);
            if (!isSpace && !inWord)
            {
                count++;
            }

            inWord = !isSpace;
        }

        return count;
    }

    /// <summary>
    /// <c>ar</c> when Arabic-script letters are more than half of all letters, <c>en</c> when Latin-script letters are,
    /// otherwise (including no letters at all) <c>und</c>. Latin script is reported as English: the script says nothing
    /// about which Latin-script language it is.
    /// </summary>
    public static string DetectLanguage(string text)
    {
        long letters = 0;
        long arabic = 0;
        long latin = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (!Rune.IsLetter(rune))
            {
                continue;
            }

            letters++;
            var v = rune.Value;
            if (v is (>= 0x0600 and <= 0x06FF) or (>= 0x0750 and <= 0x077F) or (>= 0x0870 and <= 0x08FF)
                or (>= 0xFB50 and <= 0xFDFF) or (>= 0xFE70 and <= 0xFEFF))
            {
                arabic++;
            }
            else if (v is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= 0x00C0 and <= 0x024F)
                or (>= 0x1E00 and <= 0x1EFF) or (>= 0x2C60 and <= 0x2C7F) or (>= 0xA720 and <= 0xA7FF)
                or (>= 0xFF21 and <= 0xFF3A) or (>= 0xFF41 and <= 0xFF5A))
            {
                latin++;
            }
        }

        if (arabic * 2 > letters)
        {
            return "ar";
        }

        return latin * 2 > letters ? "en" : "und";
    }
}
