using DocStream.Core.Parsing;

namespace DocStream.Core.Tests.Parsing;

/// <summary>Keyword lines without delimiters keep the multi-word names the article writes together.</summary>
public class KeywordSplitTests
{
    private static IReadOnlyList<string> Keywords(string body, string line) =>
        ArticleParser.Parse($"عنوان الخبر\n{body}\nكلمات دلالية: {line}\n").Keywords;

    [Fact]
    public void Parse_UnseparatedLine_KeepsNamesTheBodyWritesTogether() =>
        Assert.Equal(
            ["سرطان الكبد", "جامعة الملك سعود", "فحص دم", "الرياض"],
            Keywords("طور باحثون في جامعة الملك سعود طريقة تكشف سرطان الكبد عبر فحص دم بسيط.", "سرطان الكبد جامعة الملك سعود فحص دم الرياض"));

    [Fact]
    public void Parse_UnseparatedLine_NameWithAnAttachedProcliticOrDiacritics_StillFound() =>
        Assert.Equal(
            ["قطاع غزة", "الأمم المتحدة"],
            Keywords("وصلت المساعدات لقطاع غزّة بإشراف للأمم المتحدة.", "قطاع غزة الأمم المتحدة"));

    [Fact]
    public void Parse_UnseparatedLine_WordsApartInTheBody_StaySingleWords() =>
        Assert.Equal(["قطاع", "غزة"], Keywords("غزة تعاني. والقطاع محاصر.", "قطاع غزة"));

    [Fact]
    public void Parse_DelimitedLine_IsSplitOnItsDelimitersOnly() =>
        Assert.Equal(["قطاع غزة", "وقف إطلاق النار"], Keywords("نص لا يذكر شيئا.", "قطاع غزة، وقف إطلاق النار"));

    [Fact]
    public void Parse_UnseparatedLine_NameInOnlyTheBoilerplate_IsNotJoined() =>
        Assert.Equal(
            ["مجلس", "الأمن"],
            ArticleParser.Parse("عنوان\nنص الخبر هنا.\nكلمات دلالية: مجلس الأمن\nإقرأ أيضاً:\nجلسة لمجلس الأمن\nعقد مجلس الأمن جلسة.\n").Keywords);

    [Fact]
    public void Parse_UnseparatedLine_DefiniteAdjectiveOfRelation_JoinsTheDefiniteNounBeforeIt() =>
        Assert.Equal(["الدرهم الإماراتي", "الذهب", "غزة", "الفلسطينية"], Keywords("نص لا يذكرها معا.", "الدرهم الإماراتي الذهب غزة الفلسطينية"));

    [Fact]
    public void Parse_UnseparatedLine_AnnexationTheBodyWritesWithoutOrWithTheArticle_StaysOneTerm() =>
        Assert.Equal(
            ["تحلية المياه", "سلم رواتب", "مطروح"],
            Keywords("أقر المجلس قرضا لتحلية مياه البحر، ووافق على سلم الرواتب الجديد.", "تحلية المياه سلم رواتب مطروح"));

    [Fact]
    public void Parse_UnseparatedLine_ArticleOnTheFirstWordOnly_DoesNotJoin() =>
        Assert.Equal(["مياه", "البحر"], Keywords("شرب الناس المياه بحر الأسبوع.", "مياه البحر"));
}
