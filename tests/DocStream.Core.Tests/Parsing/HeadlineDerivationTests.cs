using DocStream.Core.Parsing;

namespace DocStream.Core.Tests.Parsing;

/// <summary>A first line that is a lead paragraph, not a headline: kept as body, and its first sentence stands in.</summary>
public class HeadlineDerivationTests
{
    private const string Body = "\nفقرة ثانية من الخبر.";

    [Fact]
    public void Parse_FirstLineOfTwentyFiveWords_IsTheHeadline()
    {
        var headline = Words(25);

        var parsed = ArticleParser.Parse(headline + Body);

        Assert.Equal(headline, parsed.Title);
        Assert.Equal(["فقرة ثانية من الخبر."], parsed.Body);
        Assert.Empty(parsed.Warnings);
    }

    [Theory]
    [InlineData("أعلنت الحكومة خطة جديدة للنقل العام. ", "أعلنت الحكومة خطة جديدة للنقل العام.")]
    [InlineData("هل تنجح الوساطة في وقف الحرب؟ ", "هل تنجح الوساطة في وقف الحرب؟")]
    [InlineData("", null)]
    public void Parse_FirstLineOfManyWords_IsTheFirstBodyParagraphAndItsFirstSentenceTheTitle(string firstSentence, string? expectedTitle)
    {
        var lead = firstSentence + Words(30) + ".";

        var parsed = ArticleParser.Parse(lead + Body);

        Assert.Equal(expectedTitle ?? Words(20) + "…", parsed.Title);
        Assert.Equal([lead, "فقرة ثانية من الخبر."], parsed.Body);
        Assert.StartsWith("no headline line: ", Assert.Single(parsed.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LongFirstSentence_CutAfterTheLastClauseWithinTwentyWords()
    {
        var lead = Words(12) + "، " + Words(15) + " انتهى.";

        var parsed = ArticleParser.Parse(lead + Body);

        Assert.Equal(Words(12) + "…", parsed.Title);
    }

    [Fact]
    public void Parse_LeadParagraphThenBareDate_DateStillRead()
    {
        var parsed = ArticleParser.Parse(Words(30) + "\n2024-05-12" + Body);

        Assert.Equal(new DateTimeOffset(2024, 5, 12, 0, 0, 0, TimeSpan.Zero), parsed.PublishedTime);
        Assert.Equal(2, parsed.Body.Count);
    }

    /// <summary><paramref name="count"/> distinct words: كلمة1 كلمة2 ...</summary>
    private static string Words(int count) => string.Join(' ', Enumerable.Range(1, count).Select(i => $"كلمة{i}"));
}
