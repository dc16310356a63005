using DocStream.Core.Parsing;

namespace DocStream.Core.Tests.Parsing;

/// <summary>Line endings, BOM, invisible characters and other encodings of the same article.</summary>
public class TextHygieneVariationTests
{
    public static TheoryData<string> SeedNames() => new(Seeds.All);

    [Theory]
    [MemberData(nameof(SeedNames))]
    public void Parse_SeedWithCrlfLineEndings_SameStructureAsLf(string seed)
    {
        var text = Seeds.Read(seed);
        var crlf = text.Replace("\n", "\r\n", StringComparison.Ordinal);

        var parsed = ArticleParser.Parse(crlf);

        ParsedAssert.SameStructure(ArticleParser.Parse(text), parsed);
        ParsedAssert.CountsMatchIndependentComputation(crlf, parsed);
    }

    [Theory]
    [MemberData(nameof(SeedNames))]
    public void Parse_SeedWithCrOnlyLineEndings_SameStructureAsLf(string seed)
    {
        var text = Seeds.Read(seed);

        var parsed = ArticleParser.Parse(text.Replace('\n', '\r'));

        ParsedAssert.SameStructure(ArticleParser.Parse(text), parsed);
    }

    [Theory]
    [MemberData(nameof(SeedNames))]
    public void Parse_SeedWithBom_SameStructureAndBomCounted(string seed)
    {
        var text = Seeds.Read(seed);
        var plain = ArticleParser.Parse(text);

        var parsed = ArticleParser.Parse("\uFEFF" + text);

        ParsedAssert.SameStructure(plain, parsed);
        Assert.Equal(plain.CharacterCount + 1, parsed.CharacterCount);
        Assert.False(parsed.Title.StartsWith('\uFEFF'));
    }

    [Theory]
    [MemberData(nameof(SeedNames))]
    public void Parse_SeedWithTrailingSpacesAndTabs_SameStructure(string seed)
    {
        var text = Seeds.Read(seed);

        var parsed = ArticleParser.Parse(text.Replace("\n", " \t\u00A0\n", StringComparison.Ordinal));

        ParsedAssert.SameStructure(ArticleParser.Parse(text), parsed);
    }

    [Fact]
    public void Parse_InvisibleCharactersInsideLabels_LabelsRecognisedAndCharactersStripped()
    {
        var text = "\u200Fعنوان\u200E\n"
            + "فقرة\u200Bأولى\n"
            + "المصدر\u200C\u00A0: وكالة\u00A0سوا\u2060\n"
            + "كلمات\u00A0دلالية\u200D: غزة\uFEFF، روسيا\n"
            + "تاريخ\u200B النشر: 13th, October 2023 GMT\n";

        var parsed = ArticleParser.Parse(text);

        Assert.Equal("عنوان", parsed.Title);
        Assert.Equal(["فقرةأولى"], parsed.Body);
        Assert.Equal(["وكالة سوا"], parsed.Sources);
        Assert.Equal("غزة، روسيا", parsed.KeywordsLine);
        Assert.Equal(["غزة", "روسيا"], parsed.Keywords);
        Assert.Equal(Seeds.Utc(2023, 10, 13), parsed.PublishedTime);
    }

    [Fact]
    public void Parse_UnicodeLineAndParagraphSeparators_SplitLines()
    {
        var parsed = ArticleParser.Parse("عنوان\u2028فقرة أولى\u2029فقرة ثانية\u0085فقرة ثالثة");

        Assert.Equal("عنوان", parsed.Title);
        Assert.Equal(["فقرة أولى", "فقرة ثانية", "فقرة ثالثة"], parsed.Body);
    }

    [Fact]
    public void Parse_EmptyText_EmptyFieldsAndUndetermined()
    {
        var parsed = ArticleParser.Parse("");

        Assert.Equal("", parsed.Title);
        Assert.Null(parsed.PublishedTime);
        Assert.Empty(parsed.Sources);
        Assert.Equal("", parsed.KeywordsLine);
        Assert.Empty(parsed.Keywords);
        Assert.Empty(parsed.Body);
        Assert.Empty(parsed.ReadAlso);
        Assert.Empty(parsed.RelatedHeadlines);
        Assert.Empty(parsed.EmbeddedPosts);
        Assert.Equal("und", parsed.LanguageCode);
        Assert.Equal(0, parsed.CharacterCount);
        Assert.Equal(0, parsed.WordCount);
        Assert.Empty(parsed.Warnings);
    }

    [Fact]
    public void Parse_NullReference_TreatedAsEmptyText()
    {
        var parsed = ArticleParser.Parse(null!);

        Assert.Equal("", parsed.Title);
        Assert.Equal(0, parsed.CharacterCount);
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("\r\n\r\n\t \n")]
    [InlineData("\u00A0\u200B\uFEFF\n\u2028 ")]
    public void Parse_WhitespaceOrInvisibleOnly_NoTitleNoBody(string text)
    {
        var parsed = ArticleParser.Parse(text);

        Assert.Equal("", parsed.Title);
        Assert.Empty(parsed.Body);
        Assert.Equal("und", parsed.LanguageCode);
        Assert.Equal(text.Length, parsed.CharacterCount);
        ParsedAssert.CountsMatchIndependentComputation(text, parsed);
    }

    [Fact]
    public void Parse_EnglishArticle_LanguageEnAndSameStructureRules()
    {
        var text = "Putin offers help to end escalation\n\nRussian President Vladimir Putin offered help on Friday.\n\n"
            + "He spoke at a summit in Kyrgyzstan.\nالمصدر: Reuters\n";

        var parsed = ArticleParser.Parse(text);

        Assert.Equal("en", parsed.LanguageCode);
        Assert.Equal("Putin offers help to end escalation", parsed.Title);
        Assert.Equal(2, parsed.Body.Count);
        Assert.Equal(["Reuters"], parsed.Sources);
        Assert.Equal(23, parsed.WordCount);
    }

    [Theory]
    [InlineData("12345 67890 !!!", "und")]
    [InlineData("Привет мир как дела", "und")]
    [InlineData("بوتين الرئيس Putin", "ar")]
    [InlineData("Vladimir Putin بوتين", "en")]
    [InlineData("abc بوت", "und")]
    public void DetectLanguage_LetterMajority_DecidesCode(string text, string expected)
    {
        Assert.Equal(expected, ArticleParser.Parse(text).LanguageCode);
    }

    [Fact]
    public void Parse_AnyInput_InputStringUnchanged()
    {
        var text = Seeds.Read(Seeds.PutinCallsSawa) + "\r\n\uFEFF\u00A0\u200B";
        var copy = new string(text.AsSpan());

        ArticleParser.Parse(text);

        Assert.Equal(copy, text);
    }
}
