using DocStream.Core.Querying;

namespace DocStream.Core.Tests.Querying;

public class FilterParserTests
{
    private static readonly long October13 = new DateTimeOffset(2023, 10, 13, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000;

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Parse_Blank_MatchesEverything(string? text) => Assert.Equal(DocumentFilter.All.ToCanonicalString(), FilterParser.Parse(text).ToCanonicalString());

    [Fact]
    public void Parse_QuotedArabicSource_KeepsTheValueAsWritten()
    {
        var filter = FilterParser.Parse("source = \"وكالة سوا\"");

        Assert.Equal(["وكالة سوا"], filter.Sources);
    }

    [Fact]
    public void Parse_EscapedQuoteInValue_IsUnescaped() =>
        Assert.Equal(["say \"hi\""], FilterParser.Parse("source = \"say \\\"hi\\\"\"").Sources);

    [Theory]
    [InlineData("published_time >= \"2023-10-13T00:00:00Z\"", 0, null)]
    [InlineData("published_time > 2023-10-13T00:00:00Z", 1, null)]
    [InlineData("published_time < 2023-10-13", null, 0)]
    [InlineData("published_time <= \"2023-10-13\"", null, 1)]
    [InlineData("published_time = 2023-10-13", 0, 1)]
    public void Parse_TimeComparison_BecomesHalfOpenMicrosecondRange(string text, int? fromOffset, int? beforeOffset)
    {
        var filter = FilterParser.Parse(text);

        Assert.Equal(fromOffset is { } f ? October13 + f : null, filter.PublishedFromMicros);
        Assert.Equal(beforeOffset is { } b ? October13 + b : null, filter.PublishedBeforeMicros);
    }

    [Fact]
    public void Parse_TwoLowerBounds_KeepsTheTighterOne()
    {
        var filter = FilterParser.Parse("published_time >= 2023-01-01 AND published_time >= 2023-10-13 AND language = ar");

        Assert.Equal(October13, filter.PublishedFromMicros);
        Assert.Equal("ar", filter.LanguageCode);
    }

    [Fact]
    public void Parse_DisjointRange_IsEmpty() =>
        Assert.True(FilterParser.Parse("published_time >= 2024-01-01 AND published_time < 2023-01-01").IsEmptyRange);

    [Fact]
    public void ToCanonicalString_SameFilterDifferentOrder_IsEqual() =>
        Assert.Equal(
            FilterParser.Parse("source = b AND language = ar AND source = a").ToCanonicalString(),
            FilterParser.Parse("language = \"ar\"   AND source = \"a\" AND source = \"b\"").ToCanonicalString());

    [Fact]
    public void Parse_StoryAndNearDuplicate_ReadTheStoryIdAndTheFlag()
    {
        var filter = FilterParser.Parse("story = \"stories/0123456789abcdef0123456789abcdef\" AND near_duplicate = false");

        Assert.Equal(("0123456789abcdef0123456789abcdef", false), (filter.StoryId, filter.NearDuplicate));
        Assert.NotEqual(FilterParser.Parse("near_duplicate = true").ToCanonicalString(), filter.ToCanonicalString());
        Assert.Null(FilterParser.Parse("language = ar").NearDuplicate);
    }

    [Theory]
    [InlineData("title = x", 0, "unknown field")]
    [InlineData("source", 6, "expected an operator")]
    [InlineData("source >= x", 7, "only \"=\"")]
    [InlineData("source = ", 9, "expected a value")]
    [InlineData("source = \"open", 9, "unterminated")]
    [InlineData("source = a source = b", 11, "expected AND")]
    [InlineData("source = a OR source = b", 11, "OR is not supported")]
    [InlineData("published_time > soon", 17, "RFC 3339")]
    [InlineData("language = ar AND language = en", 18, "twice")]
    [InlineData("source = a AND", 14, "expected a field")]
    [InlineData("story = \"stories/abc\"", 8, "not a story name")]
    [InlineData("story = \"documents/0123456789abcdef0123456789abcdef\"", 8, "not a story name")]
    [InlineData("story > x", 6, "only \"=\"")]
    [InlineData("near_duplicate = maybe", 17, "true or false")]
    [InlineData("near_duplicate = true AND near_duplicate = false", 26, "twice")]
    public void Parse_Malformed_ThrowsWithPositionAndFix(string text, int position, string message)
    {
        var error = Assert.Throws<FilterSyntaxException>(() => FilterParser.Parse(text));

        Assert.Equal(position, error.Position);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
