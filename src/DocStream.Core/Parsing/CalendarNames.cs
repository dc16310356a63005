namespace DocStream.Core.Parsing;

/// <summary>Gregorian month and weekday names in the spellings news outlets use. Arabic keys are folded (bare alef, no diacritics).</summary>
internal static class CalendarNames
{
    private static readonly Dictionary<string, int> EnglishMonths = new(StringComparer.OrdinalIgnoreCase)
    {
        ["january"] = 1, ["jan"] = 1,
        ["february"] = 2, ["feb"] = 2,
        ["march"] = 3, ["mar"] = 3,
        ["april"] = 4, ["apr"] = 4,
        ["may"] = 5,
        ["june"] = 6, ["jun"] = 6,
        ["july"] = 7, ["jul"] = 7,
        ["august"] = 8, ["aug"] = 8,
        ["september"] = 9, ["sep"] = 9, ["sept"] = 9,
        ["october"] = 10, ["oct"] = 10,
        ["november"] = 11, ["nov"] = 11,
        ["december"] = 12, ["dec"] = 12,
    };

    // Egyptian/Gulf names, Levantine (Syriac) names, and Maghrebi names.
    private static readonly Dictionary<string, int> ArabicMonths = new(StringComparer.Ordinal)
    {
        ["يناير"] = 1,
        ["فبراير"] = 2, ["شباط"] = 2,
        ["مارس"] = 3, ["اذار"] = 3,
        ["ابريل"] = 4, ["نيسان"] = 4,
        ["مايو"] = 5, ["ايار"] = 5, ["ماي"] = 5,
        ["يونيو"] = 6, ["يونيه"] = 6, ["حزيران"] = 6,
        ["يوليو"] = 7, ["يوليه"] = 7, ["تموز"] = 7, ["يوليوز"] = 7,
        ["اغسطس"] = 8, ["اب"] = 8, ["غشت"] = 8,
        ["سبتمبر"] = 9, ["ايلول"] = 9, ["شتنبر"] = 9,
        ["اكتوبر"] = 10,
        ["نوفمبر"] = 11, ["نونبر"] = 11,
        ["ديسمبر"] = 12, ["دجنبر"] = 12,
    };

    private static readonly Dictionary<string, DayOfWeek> Weekdays = new(StringComparer.OrdinalIgnoreCase)
    {
        ["الاحد"] = DayOfWeek.Sunday, ["sunday"] = DayOfWeek.Sunday, ["sun"] = DayOfWeek.Sunday,
        ["الاثنين"] = DayOfWeek.Monday, ["monday"] = DayOfWeek.Monday, ["mon"] = DayOfWeek.Monday,
        ["الثلاثاء"] = DayOfWeek.Tuesday, ["tuesday"] = DayOfWeek.Tuesday, ["tue"] = DayOfWeek.Tuesday, ["tues"] = DayOfWeek.Tuesday,
        ["الاربعاء"] = DayOfWeek.Wednesday, ["wednesday"] = DayOfWeek.Wednesday, ["wed"] = DayOfWeek.Wednesday,
        ["الخميس"] = DayOfWeek.Thursday, ["thursday"] = DayOfWeek.Thursday, ["thu"] = DayOfWeek.Thursday, ["thurs"] = DayOfWeek.Thursday,
        ["الجمعة"] = DayOfWeek.Friday, ["friday"] = DayOfWeek.Friday, ["fri"] = DayOfWeek.Friday,
        ["السبت"] = DayOfWeek.Saturday, ["saturday"] = DayOfWeek.Saturday, ["sat"] = DayOfWeek.Saturday,
    };

    /// <summary>English month name, full or abbreviated, any case; a trailing period is allowed (<c>Sept.</c>).</summary>
    public static bool TryEnglishMonth(string token, out int month) =>
        EnglishMonths.TryGetValue(token.TrimEnd('.'), out month);

    /// <summary>
    /// A month name starting at <paramref name="tokens"/>[<paramref name="index"/>]: English, Arabic, or Levantine,
    /// including the two-word Levantine months <c>كانون الثاني</c>, <c>كانون الأول</c>, <c>تشرين الأول</c>, <c>تشرين الثاني</c>
    /// (also written without the article: <c>تشرين ثاني</c>). Returns how many tokens the name used, or 0.
    /// </summary>
    public static int MatchMonth(IReadOnlyList<string> tokens, int index, out int month)
    {
        month = 0;
        if (index >= tokens.Count)
        {
            return 0;
        }

        var token = tokens[index];
        if (TryEnglishMonth(token, out month) || ArabicMonths.TryGetValue(token, out month))
        {
            return 1;
        }

        var isKanun = token == "كانون";
        if ((isKanun || token == "تشرين") && index + 1 < tokens.Count)
        {
            var ordinal = tokens[index + 1];
            var first = ordinal is "الاول" or "اول";
            var second = ordinal is "الثاني" or "ثاني";
            if (first || second)
            {
                month = (isKanun, first) switch
                {
                    (true, true) => 12,
                    (true, false) => 1,
                    (false, true) => 10,
                    (false, false) => 11,
                };
                return 2;
            }
        }

        month = 0;
        return 0;
    }

    /// <summary>Arabic (folded, <c>الإثنين</c> → <c>الاثنين</c>) or English weekday name.</summary>
    public static bool TryWeekday(string token, out DayOfWeek day) => Weekdays.TryGetValue(token.TrimEnd('.'), out day);
}
