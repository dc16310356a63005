using DocStream.Core.Parsing;

namespace DocStream.Core.Tests.Parsing;

/// <summary>Every supported published-date form, through the date label, as a bare line, and invalid variants.</summary>
public class DateFormTests
{
    private const string UnreadablePrefix = "date line present but unreadable";

    [Theory]
    [InlineData("13th, October 2023 GMT", 2023, 10, 13)]
    [InlineData("1st, May 2024 GMT", 2024, 5, 1)]
    [InlineData("October 13, 2023", 2023, 10, 13)]
    [InlineData("13 Oct 2023 UTC", 2023, 10, 13)]
    [InlineData("12 مايو 2024", 2024, 5, 12)]
    [InlineData("الأحد 12 مايو 2024", 2024, 5, 12)]
    [InlineData("الأحد، 12 مايو 2024", 2024, 5, 12)]
    [InlineData("يوم الإثنين 13 مايو 2024", 2024, 5, 13)]
    [InlineData("12 مايو 2024م", 2024, 5, 12)]
    [InlineData("12 مايو 2024 - 10:30 ص", 2024, 5, 12)]
    [InlineData("15 إبريل 2024", 2024, 4, 15)]
    [InlineData("15 أبريل 2024", 2024, 4, 15)]
    [InlineData("4 أغسطس 2024", 2024, 8, 4)]
    [InlineData("12 أيار 2024", 2024, 5, 12)]
    [InlineData("12 شباط 2024", 2024, 2, 12)]
    [InlineData("4 آب 2024", 2024, 8, 4)]
    [InlineData("9 آذار 2024", 2024, 3, 9)]
    [InlineData("20 أيلول 2024", 2024, 9, 20)]
    [InlineData("3 تشرين الثاني 2023", 2023, 11, 3)]
    [InlineData("10 تشرين الأول 2023", 2023, 10, 10)]
    [InlineData("5 تشرين ثاني 2023", 2023, 11, 5)]
    [InlineData("1 كانون الثاني 2024", 2024, 1, 1)]
    [InlineData("25 كانون الأول 2023", 2023, 12, 25)]
    [InlineData("الجمعة 3 تشرين الثاني 2023", 2023, 11, 3)]
    [InlineData("٣ تشرين الثاني ٢٠٢٣", 2023, 11, 3)]
    [InlineData("١٢ مايو ٢٠٢٤", 2024, 5, 12)]
    [InlineData("۱۲ مايو ۲۰۲۴", 2024, 5, 12)]
    [InlineData("12 دجنبر 2024", 2024, 12, 12)]
    [InlineData("2024-05-12", 2024, 5, 12)]
    [InlineData("٢٠٢٤-٠٥-١٢", 2024, 5, 12)]
    public void Parse_LabelledDateForm_MidnightUtc(string value, int year, int month, int day)
    {
        var parsed = ArticleParser.Parse($"عنوان\nتاريخ النشر: {value}\nفقرة");

        Assert.Equal(Seeds.Utc(year, month, day), parsed.PublishedTime);
        Assert.Equal(TimeSpan.Zero, parsed.PublishedTime!.Value.Offset);
        Assert.Equal(["فقرة"], parsed.Body);
        Assert.Empty(parsed.Warnings);
    }

    [Theory]
    [InlineData("12/05/2024", 2024, 5, 12)]
    [InlineData("1/2/2024", 2024, 2, 1)]
    [InlineData("٢١/٠٧/٢٠٢٤", 2024, 7, 21)]
    public void Parse_NumericDate_IsReadDayFirst(string value, int year, int month, int day) =>
        Assert.Equal(Seeds.Utc(year, month, day), ArticleParser.Parse($"عنوان\nDate: {value}\nفقرة").PublishedTime);

    [Fact]
    public void Parse_NumericDateWithMonthOver12_IsInvalid() =>
        Assert.Null(ArticleParser.Parse("عنوان\nDate: 05/21/2024\nفقرة").PublishedTime);

    [Theory]
    [InlineData("2024-05-12T14:30:00Z", 14, 30, 0)]
    [InlineData("2024-05-12 14:30", 14, 30, 0)]
    [InlineData("2024-05-12 14:30 GMT", 14, 30, 0)]
    [InlineData("2024-05-12 14:30 UTC", 14, 30, 0)]
    [InlineData("2024-05-12T14:30:15.5", 14, 30, 15)]
    [InlineData("2024-05-12T14:30:00+03:00", 11, 30, 0)]
    [InlineData("2024-05-12T01:00:00-0230", 3, 30, 0)]
    public void Parse_IsoDateWithTime_TimeKeptAsUtc(string value, int hour, int minute, int second)
    {
        var parsed = ArticleParser.Parse($"عنوان\nتاريخ النشر: {value}");

        var published = Assert.NotNull(parsed.PublishedTime);
        Assert.Equal(TimeSpan.Zero, published.Offset);
        Assert.Equal(new DateTime(2024, 5, 12, hour, minute, second), published.DateTime.AddTicks(-(published.Ticks % TimeSpan.TicksPerSecond)));
    }

    [Theory]
    [InlineData("نشر بتاريخ: 12 مايو 2024")]
    [InlineData("نُشر في: 12 مايو 2024")]
    [InlineData("تاريخ: 2024-05-12")]
    [InlineData("تاريخ النشر : 12 أيار 2024")]
    [InlineData("Published: 2024-05-12")]
    [InlineData("published on: 12 May 2024")]
    [InlineData("PUBLISHED : May 12, 2024")]
    [InlineData("Date: 12 مايو 2024")]
    [InlineData("Publication date: 2024-05-12")]
    public void Parse_OtherDateLabels_Recognised(string line)
    {
        var parsed = ArticleParser.Parse($"عنوان\n{line}\nفقرة");

        Assert.Equal(Seeds.Utc(2024, 5, 12), parsed.PublishedTime);
        Assert.Equal(["فقرة"], parsed.Body);
    }

    [Theory]
    [InlineData("تاريخ النشر: 12 مايو 2024 | آخر تحديث: 13 مايو 2024")]
    [InlineData("تاريخ النشر: 12 مايو 2024 - آخر تحديث: 2024-05-13 10:30")]
    [InlineData("تاريخ النشر: 12th, May 2024 GMT آخر تحديث: 13th, May 2024 GMT")]
    [InlineData("Published: 2024-05-12, updated 2024-05-13")]
    [InlineData("Published: 12 May 2024 (Last updated: 13 May 2024)")]
    [InlineData("نشر في: 2024-05-12 تاريخ التحديث: 2024-05-14")]
    public void Parse_PublicationLineWithLastUpdatedDate_YieldsThePublishedDate(string line)
    {
        var parsed = ArticleParser.Parse($"عنوان\n{line}\nفقرة");

        Assert.Equal(Seeds.Utc(2024, 5, 12), parsed.PublishedTime);
        Assert.Equal(["فقرة"], parsed.Body);
        Assert.Empty(parsed.Warnings);
    }

    [Theory]
    [InlineData("آخر تحديث: 13 مايو 2024")]
    [InlineData("Last updated: 2024-05-13")]
    [InlineData("Updated: May 13, 2024")]
    [InlineData("تاريخ التحديث: 2024-05-13")]
    public void Parse_LastUpdatedLine_KeptOutOfTheBodyAndNeverThePublishedDate(string line)
    {
        var parsed = ArticleParser.Parse($"عنوان\n{line}\nفقرة");

        Assert.Null(parsed.PublishedTime);
        Assert.Equal(["فقرة"], parsed.Body);
    }

    [Fact]
    public void Parse_LastUpdatedLineBeforeThePublicationLine_PublishedDateStillRead()
    {
        var parsed = ArticleParser.Parse("عنوان\nآخر تحديث: 13 مايو 2024\nتاريخ النشر: 12 مايو 2024\nفقرة");

        Assert.Equal(Seeds.Utc(2024, 5, 12), parsed.PublishedTime);
        Assert.Equal(["فقرة"], parsed.Body);
    }

    [Theory]
    [InlineData("تحديثات الحكومة: خطة جديدة")]
    [InlineData("Updates on the talks are expected")]
    [InlineData("تاريخ المنطقة: قراءة جديدة")]
    public void Parse_ProseBeginningLikeALabel_StaysInTheBody(string line)
    {
        var parsed = ArticleParser.Parse($"عنوان\nفقرة أولى\n{line}");

        Assert.Equal(["فقرة أولى", line], parsed.Body);
    }

    [Theory]
    [InlineData("الأحد 12 مايو 2024")]
    [InlineData("12 أيار 2024")]
    [InlineData("2024-05-12")]
    public void Parse_BareDateLineBeforeBody_TakenAsPublishedTime(string line)
    {
        var parsed = ArticleParser.Parse($"عنوان\n{line}\nفقرة");

        Assert.Equal(Seeds.Utc(2024, 5, 12), parsed.PublishedTime);
        Assert.Equal(["فقرة"], parsed.Body);
    }

    [Fact]
    public void Parse_BareDateLineAfterBodyStarted_StaysParagraph()
    {
        var parsed = ArticleParser.Parse("عنوان\nفقرة\n12 مايو 2024");

        Assert.Null(parsed.PublishedTime);
        Assert.Equal(["فقرة", "12 مايو 2024"], parsed.Body);
    }

    [Theory]
    [InlineData("غير معروف")]
    [InlineData("")]
    [InlineData("05-12-2024")]
    [InlineData("12 مايو")]
    [InlineData("12 مايو 24")]
    [InlineData("5 ذو القعدة 1445 هـ")]
    [InlineData("12 تشرين 2024")]
    [InlineData("12 مايو 2024 بتوقيت مكة")]
    [InlineData("2024-05-12T25:00")]
    public void Parse_UnreadableDateValue_NullAndWarning(string value)
    {
        var parsed = ArticleParser.Parse($"عنوان\nتاريخ النشر: {value}\nفقرة");

        Assert.Null(parsed.PublishedTime);
        var warning = Assert.Single(parsed.Warnings);
        Assert.StartsWith(UnreadablePrefix, warning, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", warning, StringComparison.Ordinal);
        Assert.Equal(["فقرة"], parsed.Body);
    }

    [Theory]
    [InlineData("31 فبراير 2024")]
    [InlineData("29 February 2023")]
    [InlineData("الاثنين 12 مايو 2024")]
    [InlineData("2023-02-29")]
    [InlineData("0 مايو 2024")]
    public void Parse_DateNamingNoRealDay_NullAndWarning(string value)
    {
        var parsed = ArticleParser.Parse($"عنوان\nتاريخ النشر: {value}");

        Assert.Null(parsed.PublishedTime);
        Assert.StartsWith(UnreadablePrefix, Assert.Single(parsed.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BareLineWithImpossibleDate_DroppedWithWarning()
    {
        var parsed = ArticleParser.Parse("عنوان\n31 نيسان 2024\nفقرة");

        Assert.Null(parsed.PublishedTime);
        Assert.Equal(["فقرة"], parsed.Body);
        Assert.StartsWith(UnreadablePrefix, Assert.Single(parsed.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TwoDisagreeingDateLines_FirstKeptAndWarning()
    {
        var parsed = ArticleParser.Parse("عنوان\nتاريخ النشر: 12 مايو 2024\nفقرة\nتاريخ النشر: 2024-05-12\nتاريخ النشر: 13 مايو 2024");

        Assert.Equal(Seeds.Utc(2024, 5, 12), parsed.PublishedTime);
        Assert.StartsWith("another date line disagrees", Assert.Single(parsed.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnreadableThenReadableDateLine_ReadableUsedAndWarningKept()
    {
        var parsed = ArticleParser.Parse("عنوان\nتاريخ النشر: قريبا\nتاريخ النشر: 12 مايو 2024");

        Assert.Equal(Seeds.Utc(2024, 5, 12), parsed.PublishedTime);
        Assert.Single(parsed.Warnings);
    }

    [Theory]
    [InlineData("9999-12-31T23:59:59-14:00")]
    [InlineData("0001-01-01T00:00:00+14:00")]
    [InlineData("2024-05-12T10:00+15:00")]
    [InlineData("0000-01-01")]
    public void Read_IsoDateOutsideRepresentableRange_InvalidWithoutThrowing(string value)
    {
        Assert.Equal(DateReadingStatus.Invalid, DateLineParser.Read(value).Status);
    }

    [Fact]
    public void Read_OverlongValue_NotADate()
    {
        Assert.Equal(DateReadingStatus.NotADate, DateLineParser.Read("12 مايو 2024 " + new string(' ', 300)).Status);
    }
}
