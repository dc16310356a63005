using DocStream.Core.Parsing;

namespace DocStream.Core.Tests.Parsing;

/// <summary>Embedded posts, related-headline lists and keyword splitting beyond the seeds' exact shapes.</summary>
public class BoilerplateVariationTests
{
    [Fact]
    public void Parse_TweetAttributionOnSameLine_PostExtractedAndGluedTextKeptInBody()
    {
        var parsed = ArticleParser.Parse(
            "عنوان\nفقرة\nنص التغريدة https://t.co/Ab12Cd — Jane Doe (@jane_doe) Oct 3, 2023 وتابع المتحدث حديثه.\nفقرة أخيرة");

        var post = Assert.Single(parsed.EmbeddedPosts);
        Assert.Equal(new EmbeddedPost("نص التغريدة", "Jane Doe", "jane_doe", Seeds.Utc(2023, 10, 3), "https://t.co/Ab12Cd"), post);
        Assert.Equal(["فقرة", "وتابع المتحدث حديثه.", "فقرة أخيرة"], parsed.Body);
    }

    [Fact]
    public void Parse_TweetLinkMidLineAttributionOnNextLine_TextJoinsBothSidesOfLink()
    {
        var parsed = ArticleParser.Parse("عنوان\nقبل https://t.co/XyZ بعد\n\n\n– Name Two (@h2) March 1, 2024\nفقرة");

        var post = Assert.Single(parsed.EmbeddedPosts);
        Assert.Equal("قبل بعد", post.Text);
        Assert.Equal("Name Two", post.Author);
        Assert.Equal("h2", post.Handle);
        Assert.Equal(Seeds.Utc(2024, 3, 1), post.PostTime);
        Assert.Equal(["فقرة"], parsed.Body);
    }

    [Fact]
    public void Parse_TweetWithImpossibleDate_PostKeptWithNullTimeAndWarning()
    {
        var parsed = ArticleParser.Parse("عنوان\nنص https://t.co/a1\n— N (@n) February 30, 2024");

        var post = Assert.Single(parsed.EmbeddedPosts);
        Assert.Null(post.PostTime);
        Assert.Equal(["embedded post date unreadable: '@n'"], parsed.Warnings);
    }

    [Theory]
    [InlineData("نص https://t.co/a1\nفقرة عادية")]
    [InlineData("نص https://t.co/a1\n— بلا معرّف September 28, 2024")]
    [InlineData("نص https://t.co/a1\n— N (@n) 28 September 2024")]
    [InlineData("نص https://t.co/\n— N (@n) September 28, 2024")]
    [InlineData("نص ftp://t.co/a1\n— N (@n) September 28, 2024")]
    public void Parse_LinkWithoutValidAttribution_NoPostAndLinesStayParagraphs(string lines)
    {
        var parsed = ArticleParser.Parse("عنوان\n" + lines);

        Assert.Empty(parsed.EmbeddedPosts);
        Assert.Equal(lines.Split('\n'), parsed.Body);
    }

    [Theory]
    [InlineData("  • خبر")]
    [InlineData("- خبر")]
    [InlineData("* خبر")]
    [InlineData("· خبر")]
    [InlineData("•خبر")]
    public void Parse_BulletStyleUnderSimilarArticles_BecomesHeadline(string bullet)
    {
        var parsed = ArticleParser.Parse($"عنوان\nفقرة\nمقالات مشابهة\n\n{bullet}\n");

        Assert.Equal(["خبر"], parsed.RelatedHeadlines);
        Assert.Equal(["فقرة"], parsed.Body);
    }

    [Theory]
    [InlineData("  • خبر أول • خبر ثان", new[] { "خبر أول", "خبر ثان" })]
    [InlineData("  • خبر أول•خبر ثان•", new[] { "خبر أول", "خبر ثان" })]
    [InlineData("  - خبر أول · خبر ثان", new[] { "خبر أول", "خبر ثان" })]
    [InlineData("  - Col·legi news", new[] { "Col·legi news" })]
    [InlineData("  - باحث - روسيا تماطل", new[] { "باحث - روسيا تماطل" })]
    [InlineData("  • أخبار العالم | جيش الاحتلال يواصل خروقاته", new[] { "أخبار العالم | جيش الاحتلال يواصل خروقاته" })]
    [InlineData("  • في أوكرانياالخارجية الروسية: نرفض", new[] { "في أوكرانياالخارجية الروسية: نرفض" })]
    [InlineData("  • هل تنجح الوساطة؟الكرملين يرد على واشنطن", new[] { "هل تنجح الوساطة؟", "الكرملين يرد على واشنطن" })]
    [InlineData("  • من يحكم غزة؟ سؤال ما بعد الحرب", new[] { "من يحكم غزة؟ سؤال ما بعد الحرب" })]
    [InlineData("  • لماذا؟ ومتى؟ أسئلة بلا أجوبة", new[] { "لماذا؟ ومتى؟ أسئلة بلا أجوبة" })]
    [InlineData("  • ماذا بعد؟»قالها الوزير", new[] { "ماذا بعد؟»قالها الوزير" })]
    [InlineData("  • أين الحل؟ما الخطة؟من يدفع؟", new[] { "أين الحل؟", "ما الخطة؟", "من يدفع؟" })]
    public void Parse_GluedBulletLine_SplitOnlyAtBulletGlyphsAndGluedQuestionMarks(string bullet, string[] expected)
    {
        var parsed = ArticleParser.Parse($"عنوان\nمقالات مشابهة\n{bullet}");

        Assert.Equal(expected, parsed.RelatedHeadlines);
    }

    [Fact]
    public void Parse_UnbulletedLinesUnderSimilarArticles_IgnoredWithOneWarning()
    {
        var parsed = ArticleParser.Parse("عنوان\nفقرة\nمقالات مشابهة:\n• خبر\nحقوق النشر محفوظة\nسطر آخر");

        Assert.Equal(["خبر"], parsed.RelatedHeadlines);
        Assert.Equal(["فقرة"], parsed.Body);
        Assert.Equal(["2 unbulleted line(s) under 'مقالات مشابهة' ignored"], parsed.Warnings);
    }

    [Fact]
    public void Parse_RelatedNewsHeadingWithBullets_BulletsRelatedAndBodyResumes()
    {
        var parsed = ArticleParser.Parse("عنوان\nفقرة أولى\nأخبار ذات صلة\n• خبر مرتبط\n- خبر آخر\nفقرة ثانية");

        Assert.Equal(["خبر مرتبط", "خبر آخر"], parsed.RelatedHeadlines);
        Assert.Equal(["فقرة أولى", "فقرة ثانية"], parsed.Body);
    }

    [Fact]
    public void Parse_SimilarArticlesInsideTeaser_EndsTeaser()
    {
        var parsed = ArticleParser.Parse("عنوان\nفقرة\nاقرأ أيضا\nعنوان آخر\nنص آخر\nمقالات مشابهة\n• خبر");

        var teaser = Assert.Single(parsed.ReadAlso);
        Assert.Equal(["نص آخر"], teaser.Paragraphs);
        Assert.Equal(["خبر"], parsed.RelatedHeadlines);
    }

    [Theory]
    [InlineData("قطاع غزة، فلاديمير بوتين، الكرملين", new[] { "قطاع غزة", "فلاديمير بوتين", "الكرملين" })]
    [InlineData("Gaza Strip, Vladimir Putin ,Kremlin,", new[] { "Gaza Strip", "Vladimir Putin", "Kremlin" })]
    [InlineData("قطاع غزة | الكرملين | قطاع غزة", new[] { "قطاع غزة", "الكرملين" })]
    [InlineData("قطاع غزة؛ الكرملين", new[] { "قطاع غزة", "الكرملين" })]
    [InlineData("غزة  روسيا\tالكرملين", new[] { "غزة", "روسيا", "الكرملين" })]
    [InlineData("", new string[0])]
    public void Parse_KeywordsLine_SplitOnDelimitersElseWhitespace(string value, string[] expected)
    {
        var parsed = ArticleParser.Parse($"عنوان\nكلمات دلالية: {value}");

        Assert.Equal(value.Trim(), parsed.KeywordsLine);
        Assert.Equal(expected, parsed.Keywords);
    }
}
