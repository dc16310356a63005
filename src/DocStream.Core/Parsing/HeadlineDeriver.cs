namespace DocStream.Core.Parsing;

/// <summary>
/// Tells a headline line from a lead paragraph written where the headline would be (some outlets publish no separate
/// headline), and derives a headline from such a paragraph: its first sentence, cut at a clause boundary when long.
/// </summary>
internal static class HeadlineDeriver
{
    /// <summary>A first line of more words than this is a lead paragraph: headlines in the corpus stay well under it.</summary>
    public const int MaxHeadlineWords = 25;

    /// <summary>How many words a derived headline keeps at most.</summary>
    public const int MaxDerivedWords = 20;

    /// <summary>How far into the lead its first sentence is looked for.</summary>
    private const int MaxSearchedCharacters = 2048;

    /// <summary>A cut at a clause boundary keeps at least this many words; an earlier boundary is not used.</summary>
    private const int MinDerivedWords = 8;

    /// <summary>Whether <paramref name="firstLine"/> is a lead paragraph rather than a headline.</summary>
    public static bool IsLeadParagraph(string firstLine) => CountWordsUpTo(firstLine, MaxHeadlineWords + 1) > MaxHeadlineWords;

    /// <summary>
    /// The first sentence of <paramref name="lead"/> (up to a <c>.</c>, <c>!</c>, <c>?</c> or <c>؟</c> followed by white
    /// space or the end); over <see cref="MaxDerivedWords"/> words, cut after the last <c>،</c>, <c>,</c> or <c>؛</c>
    /// that keeps at least <see cref="MinDerivedWords"/> words, else after the limit, and ended with <c>…</c>.
    /// </summary>
    public static string Derive(string lead)
    {
        // Twenty words fit in far fewer characters: a paragraph of megabytes on one line is not split whole.
        var searched = Math.Min(lead.Length, MaxSearchedCharacters);
        var sentenceEnd = searched;
        for (var i = 0; i < searched; i++)
        {
            if (lead[i] is '.' or '!' or '?' or '؟' && (i + 1 == lead.Length || char.IsWhiteSpace(lead[i + 1])))
            {
                sentenceEnd = i + 1;
                break;
            }
        }

        var sentence = lead[..sentenceEnd].Trim();
        var words = sentence.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length <= MaxDerivedWords)
        {
            return string.Join(' ', words) + (sentenceEnd < lead.Length && sentenceEnd == MaxSearchedCharacters ? "…" : "");
        }

        var keep = MaxDerivedWords;
        for (var i = MaxDerivedWords - 1; i >= MinDerivedWords - 1; i--)
        {
            if (words[i][^1] is '،' or ',' or '؛' or ';')
            {
                keep = i + 1;
                break;
            }
        }

        // TrimEnd also drops the space before a comma written apart ("عباس ،").
        return string.Join(' ', words.Take(keep)).TrimEnd('،', ',', '؛', ';', ' ') + "…";
    }

    private static int CountWordsUpTo(string text, int limit)
    {
        var count = 0;
        var inWord = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                inWord = false;
            }
            else if (!inWord)
            {
                inWord = true;
                if (++count >= limit)
                {
                    return count;
                }
            }
        }

        return count;
    }
}
