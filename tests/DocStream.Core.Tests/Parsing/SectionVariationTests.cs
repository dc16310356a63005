using DocStream.Core.Parsing;

namespace DocStream.Core.Tests.Parsing;

/// <summary>Seed articles with parts removed or moved around.</summary>
public class SectionVariationTests
{
    private static string[] Lines(string seed) => Seeds.Read(seed).Split('\n');

    private static string Join(IEnumerable<string> lines) => string.Join('\n', lines);

    [Fact]
    public void Parse_SeedWithoutDateLine_PublishedTimeNullAndNoWarning()
    {
        var original = Seeds.Parse(Seeds.PutinOffersHelp);
        var lines = Lines(Seeds.PutinOffersHelp).Where(l => !l.StartsWith("تاريخ النشر", StringComparison.Ordinal));

        var parsed = ArticleParser.Parse(Join(lines));

        Assert.Null(parsed.PublishedTime);
        Assert.Empty(parsed.Warnings);
        Assert.Equal(original.Body, parsed.Body);
    }

    [Fact]
    public void Parse_SeedWithoutSourceLines_SourcesEmptyAndBodyUnchanged()
    {
        var original = Seeds.Parse(Seeds.KremlinTerrorism);
        var lines = Lines(Seeds.KremlinTerrorism).Where(l => !l.StartsWith("المصدر", StringComparison.Ordinal));

        var parsed = ArticleParser.Parse(Join(lines));

        Assert.Empty(parsed.Sources);
        Assert.Equal(original.Body, parsed.Body);
        Assert.Equal(original.Keywords, parsed.Keywords);
    }

    [Fact]
    public void Parse_SeedCutBeforeBoilerplate_OnlyTitleAndBody()
    {
        var original = Seeds.Parse(Seeds.PutinCallsSawa);
        var lines = Lines(Seeds.PutinCallsSawa)[..23];

        var parsed = ArticleParser.Parse(Join(lines));

        Assert.Equal(original.Title, parsed.Title);
        Assert.Equal(original.Body, parsed.Body);
        Assert.Empty(parsed.Sources);
        Assert.Empty(parsed.ReadAlso);
        Assert.Empty(parsed.RelatedHeadlines);
        Assert.Empty(parsed.EmbeddedPosts);
        Assert.Equal(original.Warnings, parsed.Warnings);
    }

    [Fact]
    public void Parse_RelatedListBeforeReadAlsoAndSourcesLast_EverySectionStillFound()
    {
        var original = Seeds.Parse(Seeds.PutinCallsSawa);
        var lines = Lines(Seeds.PutinCallsSawa);
        var reordered = lines[..24].Concat(lines[44..]).Concat(lines[28..44]).Concat(lines[24..28]);

        var parsed = ArticleParser.Parse(Join(reordered));

        Assert.Equal(original.Body, parsed.Body);
        Assert.Equal(original.RelatedHeadlines, parsed.RelatedHeadlines);
        var teaser = Assert.Single(parsed.ReadAlso);
        Assert.Equal(original.ReadAlso[0].Title, teaser.Title);
        Assert.Equal(original.ReadAlso[0].Paragraphs, teaser.Paragraphs);
        Assert.Equal(original.Sources, parsed.Sources);
        Assert.Equal(original.EmbeddedPosts, parsed.EmbeddedPosts);
    }

    [Fact]
    public void Parse_DateAndKeywordsLinesAfterBody_StillRead()
    {
        var lines = Lines(Seeds.PutinOffersHelp);
        var reordered = new[] { lines[0] }.Concat(lines[2..9]).Concat([lines[10], lines[1], lines[11], lines[9]]).Concat(lines[12..]);

        var parsed = ArticleParser.Parse(Join(reordered));

        Assert.Equal(Seeds.Utc(2023, 10, 13), parsed.PublishedTime);
        Assert.Equal(6, parsed.Body.Count);
        Assert.Equal(5, parsed.Keywords.Count);
        Assert.Equal(["صحيفة الاتحاد"], parsed.Sources);
        Assert.Equal(7, Assert.Single(parsed.ReadAlso).Paragraphs.Count);
    }

    [Fact]
    public void Parse_TwoSeedsConcatenatedAsTeasers_EachTeaserKeepsItsOwnParagraphs()
    {
        var second = Lines(Seeds.PutinCallsNoBoilerplate);
        var text = "عنوان\nفقرة\nإقرأ أيضاً:\n" + Join(second) + "\nاقرأ أيضا\n" + Join(Lines(Seeds.KremlinTerrorism)[..9]);

        var parsed = ArticleParser.Parse(text);

        Assert.Equal(["فقرة"], parsed.Body);
        Assert.Equal(2, parsed.ReadAlso.Count);
        Assert.Equal(second[0], parsed.ReadAlso[0].Title);
        Assert.Equal(11, parsed.ReadAlso[0].Paragraphs.Count);
        Assert.Equal("الكرملين: بوتين يؤكد لنتنياهو موقفه المبدئي المتمثل في رفضه وإدانته للإرهاب بكل أشكاله", parsed.ReadAlso[1].Title);
        Assert.Equal(7, parsed.ReadAlso[1].Paragraphs.Count);
        Assert.Contains(parsed.Warnings, w => w.StartsWith("date line inside a read-also teaser ignored", StringComparison.Ordinal));
        Assert.Null(parsed.PublishedTime);
    }

    [Fact]
    public void Parse_SourceLinesWithAndWithoutSpace_AreDeduplicatedAsWritten()
    {
        var parsed = ArticleParser.Parse("عنوان\n\nفقرة\n\nالمصدر : وكالة سوا\n\nالمصدر: وكالة سوا الإخبارية\nالمصدر: وكالة سوا\n");

        Assert.Equal("عنوان", parsed.Title);
        Assert.Equal(["وكالة سوا", "وكالة سوا الإخبارية"], parsed.Sources);
        Assert.Equal(["فقرة"], parsed.Body);
    }

    [Theory]
    [InlineData("المصدر الرئيسي للقلق هو التصعيد.")]
    [InlineData("المصدرية: ليست تسمية")]
    [InlineData("كلمات دلالية كثيرة تستخدم في الأخبار")]
    [InlineData("اقرأ أيضا التقرير الكامل على موقعنا")]
    [InlineData("مقالات مشابهة كثيرة نشرت أمس")]
    [InlineData("أخبار ذات صلة بالحرب تتوالى")]
    public void Parse_LabelWordsInsideProse_StayInBody(string line)
    {
        var parsed = ArticleParser.Parse($"عنوان\n{line}\nفقرة أخيرة");

        Assert.Equal([line, "فقرة أخيرة"], parsed.Body);
        Assert.Empty(parsed.Sources);
        Assert.Empty(parsed.ReadAlso);
        Assert.Empty(parsed.Warnings);
    }

    [Theory]
    [InlineData("إقرأ أيضاً:")]
    [InlineData("إقرأ أيضا")]
    [InlineData("اقرأ أيضا:")]
    [InlineData("اقرأ أيضًا")]
    [InlineData("اقرأ أيضاً :")]
    [InlineData("اقـرأ أيضا")]
    public void Parse_ReadAlsoSpelling_StartsTeaser(string marker)
    {
        var parsed = ArticleParser.Parse($"عنوان\nفقرة\n{marker}\nعنوان آخر\nفقرة أخرى");

        Assert.Equal(["فقرة"], parsed.Body);
        var teaser = Assert.Single(parsed.ReadAlso);
        Assert.Equal("عنوان آخر", teaser.Title);
        Assert.Equal(["فقرة أخرى"], teaser.Paragraphs);
    }

    [Fact]
    public void Parse_ReadAlsoWithTitleOnSameLine_TitleTakenFromMarkerLine()
    {
        var parsed = ArticleParser.Parse("عنوان\nفقرة\nاقرأ أيضاً: ترامب: اتفاق قريب\nفقرة أخرى");

        var teaser = Assert.Single(parsed.ReadAlso);
        Assert.Equal("ترامب: اتفاق قريب", teaser.Title);
        Assert.Equal(["فقرة أخرى"], teaser.Paragraphs);
    }

    [Fact]
    public void Parse_ReadAlsoMarkerAtEnd_NoTeaserAndWarning()
    {
        var parsed = ArticleParser.Parse("عنوان\nفقرة\nإقرأ أيضاً:\n\n");

        Assert.Empty(parsed.ReadAlso);
        Assert.Equal(["read-also marker with no teaser text"], parsed.Warnings);
    }

    [Fact]
    public void Parse_BulletsInMainArticle_StayBodyParagraphs()
    {
        var parsed = ArticleParser.Parse("عنوان\nالنقاط:\n- الأولى\n• الثانية");

        Assert.Equal(["النقاط:", "- الأولى", "• الثانية"], parsed.Body);
        Assert.Empty(parsed.RelatedHeadlines);
    }

    [Fact]
    public void Parse_MultipleKeywordsLines_FirstKeptOthersWarned()
    {
        var parsed = ArticleParser.Parse("عنوان\nكلمات دلالية: غزة\nكلمات دلالية: روسيا\nكلمات دلالية: غزة");

        Assert.Equal("غزة", parsed.KeywordsLine);
        Assert.Equal(["another keywords line ignored: 'روسيا'"], parsed.Warnings);
    }

    [Fact]
    public void Parse_EmptySourceValue_IgnoredWithWarning()
    {
        var parsed = ArticleParser.Parse("عنوان\nالمصدر:\nفقرة");

        Assert.Empty(parsed.Sources);
        Assert.Equal(["فقرة"], parsed.Body);
        Assert.Equal(["source line with no value"], parsed.Warnings);
    }
}
