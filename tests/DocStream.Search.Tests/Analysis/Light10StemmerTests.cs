using DocStream.Search.Analysis;

namespace DocStream.Search.Tests.Analysis;

/// <summary>The light10 rules one by one on normalised words, and the stemmer inside the analyzer.</summary>
public class Light10StemmerTests
{
    [Theory]
    [InlineData("وقال", "قال")]   // و then nothing else
    [InlineData("ومصر", "مصر")]
    public void Stem_LeadingWaw_IsStrippedWhenThreeLettersRemain(string word, string expected) =>
        Assert.Equal(expected, Light10Stemmer.Stem(word));

    [Fact]
    public void Stem_LeadingWaw_StaysWhenFewerThanThreeLettersWouldRemain() =>
        Assert.Equal("وقف", Light10Stemmer.Stem("وقف"));

    [Theory]
    [InlineData("الكرملين", "كرمل")]  // ال … ين
    [InlineData("بالمدن", "مدن")]     // بال
    [InlineData("كالعاده", "عاد")]    // كال … ه
    [InlineData("فالقرار", "قرار")]   // فال
    [InlineData("للسلام", "سلام")]    // لل
    [InlineData("والمدن", "مدن")]     // و then ال
    public void Stem_DefiniteArticle_IsStripped(string word, string expected) =>
        Assert.Equal(expected, Light10Stemmer.Stem(word));

    [Fact]
    public void Stem_DefiniteArticle_StaysWhenFewerThanTwoLettersWouldRemain() =>
        Assert.Equal("الف", Light10Stemmer.Stem("الف"));

    [Theory]
    [InlineData("بلادها", "بلاد")]     // ها
    [InlineData("مسؤولان", "مسؤول")]   // ان
    [InlineData("مفاوضات", "مفاوض")]   // ات
    [InlineData("مسؤولون", "مسؤول")]   // ون
    [InlineData("مسؤولين", "مسؤول")]   // ين
    [InlineData("انسانيه", "انسان")]   // يه (ية after normalisation)
    [InlineData("موقفه", "موقف")]      // ه (also ة after normalisation)
    [InlineData("روسي", "روس")]        // ي
    public void Stem_EachSuffix_IsStripped(string word, string expected) =>
        Assert.Equal(expected, Light10Stemmer.Stem(word));

    [Fact]
    public void Stem_Suffixes_AreStrippedInOrderOnceEach() =>
        Assert.Equal("مفاوض", Light10Stemmer.Stem("مفاوضاتها")); // ها, then ات

    [Theory]
    [InlineData("ان")]
    [InlineData("غزه")]   // not غز
    [InlineData("قمه")]   // not قم
    [InlineData("علي")]   // not عل
    public void Stem_Suffix_StaysWhenFewerThanThreeLettersWouldRemain(string word) =>
        Assert.Equal(word, Light10Stemmer.Stem(word));

    [Theory]
    [InlineData("عمان")]    // not عم
    [InlineData("سلمان")]   // not سلم
    [InlineData("لبنان")]   // not لبن (milk)
    [InlineData("حسين")]    // not حس
    [InlineData("امين")]    // not ام
    public void Stem_DualOrPluralEnding_StaysWhenFewerThanFourLettersWouldRemain(string word) =>
        Assert.Equal(word, Light10Stemmer.Stem(word));

    [Fact]
    public void Stem_DualOrPluralEnding_IsStrippedWhenFourLettersRemain() =>
        Assert.Equal("بحرين", Light10Stemmer.Stem("البحرين")); // ين would leave بحر (sea)

    [Theory]
    [InlineData("المصري", "مصر")]   // ي may leave three letters
    [InlineData("حملات", "حمل")]    // ات may leave three letters
    [InlineData("عملها", "عمل")]    // ها may leave three letters
    public void Stem_OtherSuffixes_MayLeaveThreeLetters(string word, string expected) =>
        Assert.Equal(expected, Light10Stemmer.Stem(word));

    [Fact]
    public void Stem_WawThenArticleThenSuffix_AllApply_UnlikeLuceneArabicStemmer() =>
        Assert.Equal("مفاوض", Light10Stemmer.Stem("وبالمفاوضات"));

    [Theory]
    [InlineData("المفاوضات")]
    [InlineData("مفاوضات")]
    [InlineData("والمفاوضات")]
    [InlineData("بالمفاوضات")]
    public void Analyze_FormsOfOneWord_ShareOneTerm(string word) =>
        Assert.Equal(["مفاوض"], Analyze.Terms(word));

    [Fact]
    public void Analyze_LatinToken_IsNotLight10Stemmed() =>
        Assert.Equal(["alan"], Analyze.Terms("Alan"));
}
