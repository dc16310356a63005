using System.Globalization;

namespace DocStream.Core.Parsing;

/// <summary>A recognised embedded post and where it ended.</summary>
/// <param name="Post">The post.</param>
/// <param name="LastLine">Index of the last line the post used (its own line, or the attribution line).</param>
/// <param name="Trailing">Text glued after the attribution date on the same line; empty when none.</param>
/// <param name="DateUnreadable">True when the attribution date names no real day.</param>
internal readonly record struct EmbeddedPostMatch(EmbeddedPost Post, int LastLine, string Trailing, bool DateUnreadable);

/// <summary>
/// Recognises embedded tweets as scraped from news pages: a line containing a <c>https://t.co/…</c> link,
/// followed on the same line or the next non-empty line by <c>— Name (@handle) Month D, YYYY</c>.
/// </summary>
internal static class EmbeddedPostParser
{
    private const string LinkHost = "://t.co/";
    private const int MaxHandleLength = 50;
    private const int MaxNameLength = 200;

    /// <summary>Tries to read a post starting at <paramref name="lines"/>[<paramref name="index"/>].</summary>
    public static bool TryMatch(IReadOnlyList<string> lines, int index, out EmbeddedPostMatch match)
    {
        match = default;
        var line = lines[index];
        if (!TryFindLastLink(line, out var linkStart, out var linkEnd))
        {
            return false;
        }

        var url = line[linkStart..linkEnd];
        var before = line[..linkStart].Trim();
        var after = line[linkEnd..].Trim();

        if (after.Length > 0 && TryParseAttribution(after, out var sameLine))
        {
            match = Build(before, url, sameLine, index);
            return true;
        }

        var next = index + 1;
        while (next < lines.Count && lines[next].Length == 0)
        {
            next++;
        }

        if (next < lines.Count && TryParseAttribution(lines[next], out var nextLine))
        {
            var text = after.Length == 0 ? before : (before.Length == 0 ? after : $"{before} {after}");
            match = Build(text, url, nextLine, next);
            return true;
        }

        return false;
    }

    private static EmbeddedPostMatch Build(string text, string url, Attribution attribution, int lastLine) =>
        new(
            new EmbeddedPost(text, attribution.Name, attribution.Handle, attribution.Date.Value, url),
            lastLine,
            attribution.Rest,
            attribution.Date.Status == DateReadingStatus.Invalid);

    /// <summary>Finds the last <c>http(s)://t.co/ID</c> link; ID is ASCII letters and digits.</summary>
    private static bool TryFindLastLink(string line, out int start, out int end)
    {
        start = -1;
        end = -1;
        var from = 0;
        while (from < line.Length)
        {
            var host = line.IndexOf(LinkHost, from, StringComparison.OrdinalIgnoreCase);
            if (host < 0)
            {
                break;
            }

            from = host + LinkHost.Length;
            var schemeStart = SchemeStart(line, host);
            var idEnd = from;
            while (idEnd < line.Length && char.IsAsciiLetterOrDigit(line[idEnd]))
            {
                idEnd++;
            }

            if (schemeStart >= 0 && idEnd > from)
            {
                start = schemeStart;
                end = idEnd;
            }
        }

        return start >= 0;
    }

    private static int SchemeStart(string line, int host)
    {
        if (host >= 5 && line.AsSpan(host - 5, 5).Equals("https", StringComparison.OrdinalIgnoreCase))
        {
            return host - 5;
        }

        if (host >= 4 && line.AsSpan(host - 4, 4).Equals("http", StringComparison.OrdinalIgnoreCase))
        {
            return host - 4;
        }

        return -1;
    }

    private readonly record struct Attribution(string Name, string Handle, DateReading Date, string Rest);

    /// <summary>Reads <c>— Name (@handle) Month D, YYYY rest</c> (em dash, en dash, horizontal bar or hyphen).</summary>
    private static bool TryParseAttribution(string text, out Attribution attribution)
    {
        attribution = default;
        if (text.Length == 0 || text[0] is not ('—' or '–' or '―' or '-'))
        {
            return false;
        }

        var open = text.IndexOf("(@", 1, StringComparison.Ordinal);
        if (open < 0 || open - 1 > MaxNameLength)
        {
            return false;
        }

        var name = text[1..open].Trim();
        var handleStart = open + 2;
        var handleEnd = handleStart;
        while (handleEnd < text.Length && handleEnd - handleStart <= MaxHandleLength
            && (char.IsAsciiLetterOrDigit(text[handleEnd]) || text[handleEnd] == '_'))
        {
            handleEnd++;
        }

        if (name.Length == 0 || handleEnd == handleStart || handleEnd - handleStart > MaxHandleLength
            || handleEnd >= text.Length || text[handleEnd] != ')')
        {
            return false;
        }

        var i = SkipSpaces(text, handleEnd + 1);
        var monthStart = i;
        while (i < text.Length && (char.IsAsciiLetter(text[i]) || text[i] == '.') && i - monthStart <= 10)
        {
            i++;
        }

        var monthToken = text[monthStart..i];
        if (!CalendarNames.TryEnglishMonth(monthToken, out _))
        {
            return false;
        }

        i = SkipSpaces(text, i);
        if (!TryDigits(text, ref i, 1, 2, out var day) || i >= text.Length || text[i] != ',')
        {
            return false;
        }

        i = SkipSpaces(text, i + 1);
        if (!TryDigits(text, ref i, 4, 4, out var year))
        {
            return false;
        }

        var date = DateLineParser.ReadEnglishMonthDayYear(monthToken, day, year);
        attribution = new Attribution(name, text[handleStart..handleEnd], date, text[i..].Trim());
        return true;
    }

    /// <summary>Reads between <paramref name="min"/> and <paramref name="max"/> ASCII digits not followed by another digit.</summary>
    private static bool TryDigits(string text, ref int i, int min, int max, out int value)
    {
        value = 0;
        var start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]) && i - start < max)
        {
            i++;
        }

        var count = i - start;
        if (count < min || (i < text.Length && char.IsAsciiDigit(text[i])))
        {
            i = start;
            return false;
        }

        value = int.Parse(text.AsSpan(start, count), CultureInfo.InvariantCulture);
        return true;
    }

    private static int SkipSpaces(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }
}
