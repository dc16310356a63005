using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace DocStream.Core.Parsing;

/// <summary>How a date value was read.</summary>
internal enum DateReadingStatus
{
    /// <summary>The text is not shaped like any supported date.</summary>
    NotADate,

    /// <summary>The text is a supported date and names a real day.</summary>
    Readable,

    /// <summary>The text is shaped like a date but names no real day (31 February, a weekday that does not match).</summary>
    Invalid,
}

/// <summary>The outcome of reading a date value; <see cref="Value"/> is set only when <see cref="Status"/> is Readable.</summary>
internal readonly record struct DateReading(DateReadingStatus Status, DateTimeOffset? Value)
{
    public static DateReading NotADate => new(DateReadingStatus.NotADate, null);

    public static DateReading Invalid => new(DateReadingStatus.Invalid, null);
}

/// <summary>
/// Reads the Gregorian dates news outlets print. Supported shapes (digits may be ASCII, Arabic-Indic or Persian):
/// <list type="bullet">
/// <item><c>13th, October 2023 GMT</c>, <c>October 13, 2023</c>, <c>13 Oct 2023</c> (English month names)</item>
/// <item><c>12 مايو 2024</c>, <c>الأحد 12 مايو 2024</c>, <c>١٢ مايو ٢٠٢٤م</c> (Arabic month names)</item>
/// <item><c>12 أيار 2024</c>, <c>3 تشرين الثاني 2023</c>, <c>1 كانون الثاني 2024</c> (Levantine month names)</item>
/// <item><c>2024-05-12</c>, <c>2024-05-12T14:30:00+03:00</c>, <c>2024-05-12 14:30</c>, <c>2024-05-12 14:30 GMT</c> (ISO 8601)</item>
/// <item><c>12/05/2024</c>: day first, as Arabic and European outlets write it (12 May); a month over 12 is invalid</item>
/// </list>
/// Only ISO values keep their clock time (UTC when no offset is written); other shapes give midnight UTC,
/// and a trailing clock time, AM/PM or ص/م marker, GMT/UTC, or a dash/bar separator is accepted but not used
/// because the zone is not stated. Other numeric orders (<c>05-12-2024</c>) are not read.
/// </summary>
internal static class DateLineParser
{
    /// <summary>Longer values are not date lines; the cap also bounds the work per line.</summary>
    private const int MaxLength = 200;

    private static readonly Regex IsoDate = new(
        @"^(?<y>[0-9]{4})-(?<mo>[0-9]{2})-(?<d>[0-9]{2})(?:(?:[Tt]| +)(?<h>[0-9]{2}):(?<mi>[0-9]{2})(?::(?<s>[0-9]{2})(?:[.,](?<f>[0-9]{1,7}))?)?)? *(?<z>[Zz]|[Uu][Tt][Cc]|[Gg][Mm][Tt]|[+-][0-9]{2}:?[0-9]{2})?$",
        RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);

    private static readonly Regex DayFirstNumeric = new(
        @"^(?<d>[0-9]{1,2})/(?<mo>[0-9]{1,2})/(?<y>[0-9]{4})$",
        RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);

    private static readonly Regex ClockTime = new(
        "^[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?$",
        RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);

    private static readonly HashSet<string> IgnorableTrailers = new(StringComparer.OrdinalIgnoreCase)
    {
        "GMT", "UTC", "-", "–", "—", "|", "AM", "PM", "a.m.", "p.m.", "ص", "م", "صباحا", "مساء", "مساءا",
    };

    /// <summary>Reads <paramref name="value"/>, the text after a date label or a whole line.</summary>
    public static DateReading Read(string value)
    {
        if (value.Length == 0 || value.Length > MaxLength)
        {
            return DateReading.NotADate;
        }

        var normalised = Normalise(value);
        var iso = IsoDate.Match(normalised);
        if (iso.Success)
        {
            return ReadIso(iso);
        }

        var numeric = DayFirstNumeric.Match(normalised);
        if (numeric.Success)
        {
            var (year, month, day) = (Number(numeric, "y"), Number(numeric, "mo"), Number(numeric, "d"));
            return IsRealDay(year, month, day)
                ? new DateReading(DateReadingStatus.Readable, new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero))
                : DateReading.Invalid;
        }

        var tokens = normalised.Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return ReadWords(tokens);
    }

    /// <summary>Digits to ASCII, Arabic comma to comma, diacritics and tatweel removed, alef forms folded.</summary>
    private static string Normalise(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (LineClassifier.IsIgnorableMark(c))
            {
                continue;
            }

            builder.Append(c switch
            {
                >= '٠' and <= '٩' => (char)('0' + (c - '٠')),
                >= '۰' and <= '۹' => (char)('0' + (c - '۰')),
                '،' => ',',
                _ when char.IsWhiteSpace(c) => ' ',
                _ => LineClassifier.Fold(c),
            });
        }

        return builder.ToString().Trim();
    }

    private static DateReading ReadIso(Match match)
    {
        var year = Number(match, "y");
        var month = Number(match, "mo");
        var day = Number(match, "d");
        var hour = Number(match, "h");
        var minute = Number(match, "mi");
        var second = Number(match, "s");
        if (!IsRealDay(year, month, day) || hour > 23 || minute > 59 || second > 59)
        {
            return DateReading.Invalid;
        }

        var offset = TimeSpan.Zero;
        var zone = match.Groups["z"];
        if (zone.Success && zone.Value[0] is '+' or '-')
        {
            var digits = zone.Value.Replace(":", "", StringComparison.Ordinal);
            var hours = int.Parse(digits.AsSpan(1, 2), CultureInfo.InvariantCulture);
            var minutes = int.Parse(digits.AsSpan(3, 2), CultureInfo.InvariantCulture);
            if (hours > 14 || minutes > 59)
            {
                return DateReading.Invalid;
            }

            offset = new TimeSpan(hours, minutes, 0);
            if (zone.Value[0] == '-')
            {
                offset = -offset;
            }
        }

        var fraction = match.Groups["f"];
        var ticks = fraction.Success
            ? long.Parse(fraction.Value.PadRight(7, '0'), CultureInfo.InvariantCulture)
            : 0;
        // Computed in ticks so that an offset near the ends of the calendar cannot overflow DateTimeOffset.
        var utcTicks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).Ticks + ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            return DateReading.Invalid;
        }

        return new DateReading(DateReadingStatus.Readable, new DateTimeOffset(utcTicks, TimeSpan.Zero));
    }

    private static int Number(Match match, string group)
    {
        var g = match.Groups[group];
        return g.Success ? int.Parse(g.ValueSpan, CultureInfo.InvariantCulture) : 0;
    }

    private static DateReading ReadWords(string[] tokens)
    {
        var i = 0;
        DayOfWeek? weekday = null;
        if (i < tokens.Length && tokens[i] == "يوم")
        {
            i++;
        }

        if (i < tokens.Length && CalendarNames.TryWeekday(tokens[i], out var named))
        {
            weekday = named;
            i++;
        }

        int day;
        int month;
        if (i < tokens.Length && TryDay(tokens[i], out day))
        {
            var used = CalendarNames.MatchMonth(tokens, i + 1, out month);
            if (used == 0)
            {
                return DateReading.NotADate;
            }

            i += 1 + used;
        }
        else
        {
            var used = CalendarNames.MatchMonth(tokens, i, out month);
            if (used == 0 || i + used >= tokens.Length || !TryDay(tokens[i + used], out day))
            {
                return DateReading.NotADate;
            }

            i += used + 1;
        }

        if (i >= tokens.Length || !TryYear(tokens[i], out var year))
        {
            return DateReading.NotADate;
        }

        for (i++; i < tokens.Length; i++)
        {
            if (!IgnorableTrailers.Contains(tokens[i]) && !ClockTime.IsMatch(tokens[i]))
            {
                return DateReading.NotADate;
            }
        }

        if (!IsRealDay(year, month, day))
        {
            return DateReading.Invalid;
        }

        var date = new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero);
        if (weekday is { } stated && stated != date.DayOfWeek)
        {
            return DateReading.Invalid;
        }

        return new DateReading(DateReadingStatus.Readable, date);
    }

    /// <summary>One or two digits, optionally with an English ordinal suffix (13th, 1st, 2nd, 3rd).</summary>
    private static bool TryDay(string token, out int day)
    {
        day = 0;
        var digits = 0;
        while (digits < token.Length && char.IsAsciiDigit(token[digits]))
        {
            digits++;
        }

        if (digits is 0 or > 2)
        {
            return false;
        }

        var suffix = token.AsSpan(digits);
        if (suffix.Length > 0 && !(suffix.Equals("st", StringComparison.OrdinalIgnoreCase)
            || suffix.Equals("nd", StringComparison.OrdinalIgnoreCase)
            || suffix.Equals("rd", StringComparison.OrdinalIgnoreCase)
            || suffix.Equals("th", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        day = int.Parse(token.AsSpan(0, digits), CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>Exactly four digits, optionally followed by <c>م</c> (AD).</summary>
    private static bool TryYear(string token, out int year)
    {
        year = 0;
        var span = token.AsSpan();
        if (span.Length == 5 && span[4] == 'م')
        {
            span = span[..4];
        }

        if (span.Length != 4)
        {
            return false;
        }

        foreach (var c in span)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        year = int.Parse(span, CultureInfo.InvariantCulture);
        return true;
    }

    private static bool IsRealDay(int year, int month, int day) =>
        year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);

    /// <summary>Reads <c>Month D, YYYY</c> with an English month name, as social post attributions print it.</summary>
    public static DateReading ReadEnglishMonthDayYear(string monthToken, int day, int year)
    {
        if (!CalendarNames.TryEnglishMonth(monthToken, out var month))
        {
            return DateReading.NotADate;
        }

        return IsRealDay(year, month, day)
            ? new DateReading(DateReadingStatus.Readable, new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero))
            : DateReading.Invalid;
    }
}
