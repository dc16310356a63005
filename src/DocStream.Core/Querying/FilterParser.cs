using System.Globalization;
using DocStream.Core.Stories;

namespace DocStream.Core.Querying;

/// <summary>
/// Reads the filter language of ListDocuments and StreamDocuments (a small subset of AIP-160): comparisons
/// joined by <c>AND</c>, on the fields <c>source</c> (=), <c>language</c> (=), <c>published_time</c>
/// (=, &lt;, &lt;=, &gt;, &gt;=) with RFC 3339 timestamps or dates, <c>story</c> (= a story name) and
/// <c>near_duplicate</c> (= true or false). Values may be quoted with double quotes.
/// </summary>
public static class FilterParser
{
    /// <summary>Longest accepted filter, in characters.</summary>
    public const int MaxLength = 4096;

    /// <summary>Most comparisons one filter may hold.</summary>
    public const int MaxComparisons = 32;

    private const string FieldHelp = "expected a field: source, language, published_time, story or near_duplicate";

    /// <summary>Parses <paramref name="text"/>; an empty or blank text matches everything.</summary>
    /// <exception cref="FilterSyntaxException">The text is not a valid filter.</exception>
    public static DocumentFilter Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return DocumentFilter.All;
        }

        if (text.Length > MaxLength)
        {
            throw new FilterSyntaxException(MaxLength, $"the filter is {text.Length} characters long; the limit is {MaxLength}", FilterSyntaxException.TooComplex);
        }

        var reader = new Reader(text);
        var comparisons = 0;
        var sources = new List<string>();
        string? language = null;
        long? from = null;
        long? before = null;
        string? story = null;
        bool? nearDuplicate = null;
        while (true)
        {
            var fieldStart = reader.SkipSpaces();
            if (++comparisons > MaxComparisons)
            {
                throw new FilterSyntaxException(fieldStart, $"the filter has more than {MaxComparisons} comparisons", FilterSyntaxException.TooComplex);
            }

            var field = reader.ReadWord();
            if (field.Length == 0)
            {
                throw new FilterSyntaxException(fieldStart, FieldHelp);
            }

            var opStart = reader.SkipSpaces();
            var op = reader.ReadOperator();
            if (op.Length == 0)
            {
                throw new FilterSyntaxException(opStart, $"expected an operator (=, <, <=, >, >=) after \"{field}\"");
            }

            var valueStart = reader.SkipSpaces();
            var value = reader.ReadValue();
            switch (field)
            {
                case "source":
                    RequireEquals(field, op, opStart);
                    sources.Add(value);
                    break;
                case "language":
                    RequireEquals(field, op, opStart);
                    if (language is not null && language != value)
                    {
                        throw new FilterSyntaxException(fieldStart, "language is given twice with different values");
                    }

                    language = value;
                    break;
                case "published_time":
                    var micros = ParseTime(value, valueStart);
                    switch (op)
                    {
                        case ">=": from = Max(from, micros); break;
                        case ">": from = Max(from, micros + 1); break;
                        case "<": before = Min(before, micros); break;
                        case "<=": before = Min(before, micros + 1); break;
                        default:
                            from = Max(from, micros);
                            before = Min(before, micros + 1);
                            break;
                    }

                    break;
                case "story":
                    RequireEquals(field, op, opStart);
                    var storyId = StoryName.TryParseId(value)
                        ?? throw new FilterSyntaxException(valueStart, $"\"{value}\" is not a story name; use \"stories/\" and the story's 32 hex digits");
                    if (story is not null && story != storyId)
                    {
                        throw new FilterSyntaxException(fieldStart, "story is given twice with different values");
                    }

                    story = storyId;
                    break;
                case "near_duplicate":
                    RequireEquals(field, op, opStart);
                    bool copy = value switch
                    {
                        "true" => true,
                        "false" => false,
                        _ => throw new FilterSyntaxException(valueStart, $"near_duplicate takes true or false, not \"{value}\""),
                    };
                    if (nearDuplicate is not null && nearDuplicate != copy)
                    {
                        throw new FilterSyntaxException(fieldStart, "near_duplicate is given twice with different values");
                    }

                    nearDuplicate = copy;
                    break;
                default:
                    throw new FilterSyntaxException(fieldStart, $"unknown field \"{field}\"; {FieldHelp}");
            }

            var joinStart = reader.SkipSpaces();
            if (reader.AtEnd)
            {
                break;
            }

            if (reader.ReadWord() != "AND")
            {
                throw new FilterSyntaxException(joinStart, "expected AND between comparisons (OR is not supported)");
            }
        }

        return new DocumentFilter(sources, language, from, before, story, nearDuplicate);
    }

    private static void RequireEquals(string field, string op, int position)
    {
        if (op != "=")
        {
            throw new FilterSyntaxException(position, $"{field} supports only \"=\"");
        }
    }

    private static long ParseTime(string value, int position)
    {
        string[] formats = ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];
        if (!DateTimeOffset.TryParseExact(value, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            throw new FilterSyntaxException(position, $"\"{value}\" is not a timestamp; use RFC 3339 such as \"2023-10-13T00:00:00Z\" or a date such as \"2023-10-13\"");
        }

        return (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
    }

    private static long Max(long? current, long value) => current is { } c && c > value ? c : value;

    private static long Min(long? current, long value) => current is { } c && c < value ? c : value;

    private sealed class Reader(string text)
    {
        private int _position;

        public bool AtEnd => _position >= text.Length;

        public int SkipSpaces()
        {
            while (!AtEnd && char.IsWhiteSpace(text[_position]))
            {
                _position++;
            }

            return _position;
        }

        public string ReadWord()
        {
            var start = _position;
            while (!AtEnd && (char.IsLetterOrDigit(text[_position]) || text[_position] == '_'))
            {
                _position++;
            }

            return text[start.._position];
        }

        public string ReadOperator()
        {
            var start = _position;
            if (!AtEnd && text[_position] is '<' or '>')
            {
                _position++;
                if (!AtEnd && text[_position] == '=')
                {
                    _position++;
                }
            }
            else if (!AtEnd && text[_position] == '=')
            {
                _position++;
                if (!AtEnd && text[_position] == '=')
                {
                    throw new FilterSyntaxException(start, "\"==\" is not an operator; write = for equality");
                }
            }

            return text[start.._position];
        }

        public string ReadValue()
        {
            var start = _position;
            if (AtEnd)
            {
                throw new FilterSyntaxException(start, "expected a value");
            }

            if (text[_position] != '"')
            {
                while (!AtEnd && !char.IsWhiteSpace(text[_position]))
                {
                    _position++;
                }

                return text[start.._position];
            }

            _position++;
            var value = new System.Text.StringBuilder();
            while (!AtEnd)
            {
                var c = text[_position++];
                if (c == '"')
                {
                    return value.ToString();
                }

                if (c == '\\' && !AtEnd)
                {
                    c = text[_position++];
                }

                value.Append(c);
            }

            throw new FilterSyntaxException(start, "unterminated quoted value; close it with \"");
        }
    }
}
