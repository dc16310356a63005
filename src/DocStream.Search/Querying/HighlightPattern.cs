using DocStream.Search.Analysis;

namespace DocStream.Search.Querying;

/// <summary>One word of a phrase looked for: its analyzed term and its position after the phrase's first word.</summary>
/// <param name="Term">The analyzed term.</param>
/// <param name="Offset">Positions after the first word (stop words between leave gaps, as in the index).</param>
public readonly record struct PhraseTerm(string Term, int Offset);

/// <summary>
/// What a snippet marks: each word looked for wherever it occurs, and the words of a phrase only where the whole
/// phrase occurs, as the search matched it.
/// </summary>
/// <param name="Words">Analyzed terms of the single words looked for.</param>
/// <param name="Phrases">The phrases looked for, each as its terms with their relative positions.</param>
public sealed record HighlightPattern(IReadOnlySet<string> Words, IReadOnlyList<IReadOnlyList<PhraseTerm>> Phrases)
{
    /// <summary>A pattern of single words only.</summary>
    public static HighlightPattern OfWords(IEnumerable<string> words) => new(words.ToHashSet(StringComparer.Ordinal), []);

    /// <summary>How many distinct things a passage can show: each word, and each phrase once.</summary>
    public int Count => Words.Count + Phrases.Count;

    /// <summary>Every term the pattern holds, words and phrase words.</summary>
    public IEnumerable<string> AllTerms => Words.Concat(Phrases.SelectMany(phrase => phrase.Select(term => term.Term)));

    /// <summary>
    /// The tokens of a text that the pattern marks, in order, one per source word; each with the key of what it shows
    /// (a word's term, or a phrase's number) so that a passage can count what distinct things it shows.
    /// </summary>
    public List<(AnalyzedToken Token, string Key)> Mark(List<AnalyzedToken> tokens)
    {
        var marked = new SortedDictionary<int, (AnalyzedToken Token, string Key)>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (Words.Contains(tokens[i].Term))
            {
                marked.TryAdd(tokens[i].StartOffset, (tokens[i], tokens[i].Term));
            }
        }

        for (var number = 0; number < Phrases.Count; number++)
        {
            var phrase = Phrases[number];
            for (var i = 0; i < tokens.Count; i++)
            {
                if (tokens[i].Term == phrase[0].Term && Occurrence(tokens, i, phrase) is { } occurrence)
                {
                    foreach (var token in occurrence)
                    {
                        marked.TryAdd(token.StartOffset, (token, "phrase " + number));
                    }
                }
            }
        }

        return [.. marked.Values];
    }

    /// <summary>The tokens of the phrase where it begins at <paramref name="first"/>; null when it does not occur there.</summary>
    private static List<AnalyzedToken>? Occurrence(List<AnalyzedToken> tokens, int first, IReadOnlyList<PhraseTerm> phrase)
    {
        var occurrence = new List<AnalyzedToken>(phrase.Count) { tokens[first] };
        var j = first + 1;
        for (var k = 1; k < phrase.Count; k++)
        {
            var position = tokens[first].Position + phrase[k].Offset;
            while (j < tokens.Count && tokens[j].Position < position)
            {
                j++;
            }

            // NFKC may give one word several tokens at one position: any of them may be the one.
            var found = false;
            for (var at = j; at < tokens.Count && tokens[at].Position == position; at++)
            {
                if (tokens[at].Term == phrase[k].Term)
                {
                    occurrence.Add(tokens[at]);
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                return null;
            }
        }

        return occurrence;
    }
}
