namespace DocStream.Search.Analysis;

/// <summary>
/// The character rules of Arabic normalisation, applied to one token after NFKC: tashkeel and tatweel removed,
/// alef forms unified, alef maksura to yeh, teh marbuta to heh, Arabic-Indic and Persian digits to ASCII.
/// See <c>docs/search.md</c>.
/// </summary>
public static class ArabicNormalizer
{
    /// <summary>How many leading characters <see cref="Normalize(char[], int, out int)"/> reports hamza alefs for.</summary>
    public const int HamzaAlefPositions = 3;

    /// <summary>Normalises <paramref name="buffer"/>[0..<paramref name="length"/>) in place; returns the new length.</summary>
    public static int Normalize(char[] buffer, int length) => Normalize(buffer, length, out _);

    /// <summary>
    /// Normalises <paramref name="buffer"/>[0..<paramref name="length"/>) in place and returns the new length;
    /// <paramref name="hamzaAlefs"/> has bit <c>i</c> set when the normalised character <c>i</c> (of the first
    /// <see cref="HamzaAlefPositions"/>) was an alef written with hamza (<c>أ إ آ</c>), so an <c>ال</c> there is
    /// part of the word (<c>ألياف</c>, <c>إلغاء</c>), not the article.
    /// </summary>
    public static int Normalize(char[] buffer, int length, out int hamzaAlefs)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        hamzaAlefs = 0;
        var write = 0;
        for (var read = 0; read < length; read++)
        {
            var original = buffer[read];
            var mapped = Map(original);
            if (mapped != '\0')
            {
                if (write < HamzaAlefPositions && original is '\u0623' or '\u0625' or '\u0622')
                {
                    hamzaAlefs |= 1 << write;
                }

                buffer[write++] = mapped;
            }
        }

        return write;
    }

    /// <summary>Normalises a whole string (for tests and for building the stop word set).</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var buffer = text.ToCharArray();
        return new string(buffer, 0, Normalize(buffer, buffer.Length));
    }

    /// <summary>True for the characters removed outright: tashkeel, Quranic marks and tatweel.</summary>
    public static bool IsRemoved(char c) => c switch
    {
        >= '\u064B' and <= '\u065F' => true, // fathatan … wavy hamza below: harakat, tanween, shadda, sukun, hamza marks
        '\u0670' => true,                     // superscript (dagger) alef
        >= '\u0610' and <= '\u061A' => true, // honorific and Quranic marks above/below letters
        '\u0640' => true,                     // tatweel (kashida)
        _ => false,
    };

    /// <summary>The replacement of <paramref name="c"/>, or <c>'\0'</c> to drop it.</summary>
    private static char Map(char c)
    {
        if (IsRemoved(c))
        {
            return '\0';
        }

        return c switch
        {
            '\u0623' or '\u0625' or '\u0622' or '\u0671' => '\u0627', // أ إ آ ٱ → ا
            '\u0649' => '\u064A',                                     // ى → ي
            '\u0629' => '\u0647',                                     // ة → ه
            >= '\u0660' and <= '\u0669' => (char)('0' + (c - '\u0660')), // Arabic-Indic digits
            >= '\u06F0' and <= '\u06F9' => (char)('0' + (c - '\u06F0')), // Extended Arabic-Indic (Persian) digits
            _ => c,
        };
    }
}
