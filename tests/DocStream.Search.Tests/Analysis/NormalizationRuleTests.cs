using DocStream.Search.Analysis;

namespace DocStream.Search.Tests.Analysis;

/// <summary>One test per normalisation rule, through the whole analyzer (input token → indexed terms).</summary>
public class NormalizationRuleTests
{
    [Theory]
    [InlineData("مُفَاوَضَاتٌ", "مفاوض")] // fatha, damma, tanween damm
    [InlineData("تحدّث", "تحدث")]         // shadda
    [InlineData("غزةً", "غزه")]             // tanween fath
    [InlineData("مِصْر", "مصر")]           // kasra, sukun
    [InlineData("رحمٰن", "رحمن")]          // superscript alef U+0670
    public void Analyze_Tashkeel_IsRemoved(string input, string expected) =>
        Assert.Equal([expected], Analyze.Terms(input));

    [Fact]
    public void Analyze_Tatweel_IsRemoved() =>
        Assert.Equal(Analyze.Terms("غزة"), Analyze.Terms("غـــزة"));

    [Fact]
    public void Analyze_OnlyTatweel_LeavesNoTermButKeepsThePosition()
    {
        var tokens = Analyze.Tokens("روسيا ـــ مصر");

        Assert.Equal(["روسيا", "مصر"], tokens.Select(t => t.Term));
        Assert.Equal([0, 2], tokens.Select(t => t.Position));
    }

    [Theory]
    [InlineData("أمن")]
    [InlineData("إمن")]
    [InlineData("آمن")]
    [InlineData("ٱمن")]
    public void Analyze_EveryAlefForm_BecomesBareAlef(string input) =>
        Assert.Equal(["امن"], Analyze.Terms(input));

    [Fact]
    public void Normalize_AlefMaksura_BecomesYeh() =>
        Assert.Equal("مستوي", ArabicNormalizer.Normalize("مستوى"));

    [Fact]
    public void Analyze_AlefMaksuraAndYeh_GiveOneTerm() =>
        Assert.Equal(Analyze.Terms("مستوي"), Analyze.Terms("مستوى"));

    [Fact]
    public void Normalize_TehMarbuta_BecomesHeh() =>
        Assert.Equal("منظمه", ArabicNormalizer.Normalize("منظمة"));

    [Fact]
    public void Analyze_TehMarbutaAndHeh_GiveOneTerm() =>
        Assert.Equal(Analyze.Terms("مسيسه"), Analyze.Terms("مسيّسة"));

    [Fact]
    public void Analyze_ArabicIndicDigits_BecomeAscii() =>
        Assert.Equal(["2023"], Analyze.Terms("٢٠٢٣"));

    [Fact]
    public void Analyze_PersianDigits_BecomeAscii() =>
        Assert.Equal(["1403"], Analyze.Terms("۱۴۰۳"));

    [Fact]
    public void Analyze_ArabicThousandsSeparator_StaysOneNumber() =>
        Assert.Equal(["1،300"], Analyze.Terms("١،٣٠٠"));

    [Fact]
    public void Analyze_PresentationForms_BecomeLettersByNfkc() =>
        Assert.Equal(Analyze.Terms("رفح"), Analyze.Terms("ﺭﻓﺢ"));

    [Fact]
    public void Analyze_LamAlefLigature_BecomesTwoLettersByNfkc() =>
        Assert.Equal(Analyze.Terms("سلام"), Analyze.Terms("ﺳﻼﻡ"));

    [Fact]
    public void Analyze_CombiningHamzaAbove_ComposesByNfkcThenUnifies() =>
        Assert.Equal(["امن"], Analyze.Terms("\u0627\u0654من"));

    [Fact]
    public void Analyze_FullWidthLatin_BecomesAsciiByNfkc() =>
        Assert.Equal(["nato"], Analyze.Terms("ＮＡＴＯ"));

    [Fact]
    public void Analyze_LigatureExpandingToWords_GivesOneTermPerWordWithTheLigatureOffsets()
    {
        // U+FDFA is the one-character honorific "صلى الله عليه وسلم"; عليه is a stop word.
        var tokens = Analyze.Tokens("النبي ﷺ قال");

        Assert.Equal(["نبي", "صلي", "له", "سلم", "قال"], tokens.Select(t => t.Term));
        Assert.All(tokens.Skip(1).Take(3), t => Assert.Equal((6, 7), (t.StartOffset, t.EndOffset)));
        Assert.Equal([0, 1, 2, 4, 5], tokens.Select(t => t.Position));
    }

    [Fact]
    public void Analyze_Latin_IsLowerCasedAndPorterStemmed() =>
        Assert.Equal(["negoti", "ceasefir"], Analyze.Terms("Negotiations CEASEFIRE"));

    [Fact]
    public void Analyze_EnglishPossessive_IsRemoved() =>
        Assert.Equal(["russia", "offer"], Analyze.Terms("Russia's offer"));

    [Theory]
    [InlineData("في")]
    [InlineData("أن")]
    [InlineData("إن")]
    [InlineData("الى")]
    [InlineData("إلى")]
    [InlineData("التى")]
    [InlineData("the")]
    [InlineData("The")]
    public void Analyze_StopWordInAnySpelling_IsRemoved(string word) =>
        Assert.Empty(Analyze.Terms(word));

    [Fact]
    public void Analyze_StopWord_LeavesAPositionGap()
    {
        var tokens = Analyze.Tokens("وقف في غزة");

        Assert.Equal([0, 2], tokens.Select(t => t.Position));
    }

    [Fact]
    public void Analyze_Offsets_PointAtTheWordAsWritten()
    {
        const string text = "قال الرئيسُ الروسيّ";

        var tokens = Analyze.Tokens(text);

        Assert.Equal(["قال", "الرئيسُ", "الروسيّ"], tokens.Select(t => text[t.StartOffset..t.EndOffset]));
    }

    [Fact]
    public void Analyze_ArabicToken_IsNotTouchedByThePorterStemmer() =>
        Assert.Equal(["فلسطين"], Analyze.Terms("الفلسطينية"));

    [Theory]
    [InlineData("أَلياف", 0b001)]   // the hamza alef is still the first letter once the fatha is gone
    [InlineData("وإلغاء", 0b010)]
    [InlineData("الآلاف", 0b100)]
    [InlineData("ٱلياف", 0b000)]    // alef wasla is the article's own
    [InlineData("المدينة", 0b000)]
    [InlineData("مدينة أخرى", 0b000)] // past the first three letters
    public void Normalize_ReportsWhereTheFirstLettersWereAlefsWithHamza(string input, int expected)
    {
        var buffer = input.ToCharArray();
        ArabicNormalizer.Normalize(buffer, buffer.Length, out var hamzaAlefs);
        Assert.Equal(expected, hamzaAlefs);
    }
}
