namespace DocStream.Search.Querying;

/// <summary>
/// Reads the search query language: words (all must match), <c>"exact phrase"</c>, <c>OR</c> between two words
/// or phrases, and <c>-word</c> / <c>-"phrase"</c> to exclude. See <c>docs/search.md</c>.
/// </summary>
public static class SearchQueryParser
{
    /// <summary>Longest accepted query, in characters.</summary>
    public const int MaxLength = 1024;

    /// <summary>Most words and phrases one query may hold.</summary>
    public const int MaxAtoms = 64;

    private enum Kind
    {
        Atom,
        Excluded,
        Or,
    }

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="QuerySyntaxException">The text is empty, too long or malformed.</exception>
    public static SearchQuery Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw Error(0, "the query is empty; type the words to look for, e.g. مفاوضات غزة");
        }

        if (text.Length > MaxLength)
        {
            throw new QuerySyntaxException(MaxLength, QuerySyntaxException.TooComplex, $"the query is {text.Length} characters long; the limit is {MaxLength}");
        }

        var tokens = Lex(text);
        if (tokens.Count(t => t.Kind != Kind.Or) > MaxAtoms)
        {
            throw new QuerySyntaxException(
                tokens.Where(t => t.Kind != Kind.Or).ElementAt(MaxAtoms).Position, QuerySyntaxException.TooComplex, $"the query has more than {MaxAtoms} words and phrases");
        }

        var required = new List<IReadOnlyList<QueryAtom>>();
        var excluded = new List<QueryAtom>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            switch (token.Kind)
            {
                case Kind.Or:
                    throw Error(token.Position, "OR needs a word or phrase on its left; write it between two alternatives, e.g. غزة OR رفح");
                case Kind.Excluded:
                    excluded.Add(token.Atom!);
                    if (i + 1 < tokens.Count && tokens[i + 1].Kind == Kind.Or)
                    {
                        throw Error(tokens[i + 1].Position, "an excluded word cannot take part in OR; OR joins words or phrases to look for");
                    }

                    continue;
            }

            var group = new List<QueryAtom> { token.Atom! };
            while (i + 1 < tokens.Count && tokens[i + 1].Kind == Kind.Or)
            {
                var or = tokens[i + 1];
                if (i + 2 >= tokens.Count)
                {
                    throw Error(or.Position, "OR needs a word or phrase on its right; remove it or add an alternative");
                }

                var next = tokens[i + 2];
                switch (next.Kind)
                {
                    case Kind.Or:
                        throw Error(next.Position, "OR needs a word or phrase on its right, not another OR");
                    case Kind.Excluded:
                        throw Error(next.Position, "an excluded word cannot take part in OR; OR joins words or phrases to look for");
                }

                group.Add(next.Atom!);
                i += 2;
            }

            required.Add(group);
        }

        if (required.Count == 0)
        {
            throw Error(excluded[0].Position, "the query only excludes; add at least one word or phrase to look for");
        }

        return new SearchQuery(required, excluded);
    }

    private static List<Token> Lex(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            var excluded = false;
            if (text[i] == '-')
            {
                if (i + 1 >= text.Length || char.IsWhiteSpace(text[i + 1]))
                {
                    throw Error(i, "'-' must be followed directly by the word or phrase to exclude, e.g. -رفح");
                }

                excluded = true;
                i++;
            }

            QueryAtom atom;
            if (text[i] == '"')
            {
                var close = text.IndexOf('"', i + 1);
                if (close < 0)
                {
                    throw Error(i, "unterminated phrase: close the quote that starts here with \"");
                }

                var phrase = text[(i + 1)..close];
                if (string.IsNullOrWhiteSpace(phrase))
                {
                    throw Error(i, "empty phrase: put the words to look for between the quotes, or remove them");
                }

                atom = new QueryAtom(phrase.Trim(), IsPhrase: true, start);
                i = close + 1;
            }
            else
            {
                var end = i;
                while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] != '"')
                {
                    end++;
                }

                var word = text[i..end];
                i = end;
                if (!excluded && word == "OR")
                {
                    tokens.Add(new Token(Kind.Or, start, null));
                    continue;
                }

                atom = new QueryAtom(word, IsPhrase: false, start);
            }

            tokens.Add(new Token(excluded ? Kind.Excluded : Kind.Atom, start, atom));
        }

        return tokens;
    }

    private static QuerySyntaxException Error(int position, string problem) =>
        new(position, QuerySyntaxException.Malformed, problem);

    private sealed record Token(Kind Kind, int Position, QueryAtom? Atom);
}
