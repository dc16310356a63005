using DocStream.Search.Analysis;

namespace DocStream.Search.Tests.Analysis;

/// <summary>The terms the stem filter stacks on a word: proclitic alternatives and exact forms of short stems.</summary>
public class ArabicStemFilterTests
{
    [Theory]
    [InlineData("بمدينة", "بمدين", "مدين")]
    [InlineData("لمجلس", "لمجلس", "مجلس")]
    [InlineData("لوزارة", "لوزار", "زار")]       // the rest stems as وزارة itself does
    [InlineData("كرئيس", "كرئيس", "رئيس")]
    [InlineData("فبلدية", "فبلد", "بلد")]
    [InlineData("ولمجلس", "لمجلس", "مجلس")]      // after a stripped و
    public void Analyze_BareProclitic_StacksTheStemOfTheRest(string word, string stem, string alternative)
    {
        var tokens = Analyze.AllTokens(word);
        Assert.Equal(stem, tokens[0].Term);
        var stacked = Assert.Single(tokens, t => t.Kind == TokenKind.ProcliticAlternative);
        Assert.Equal(alternative, stacked.Term);
        Assert.Equal(0, stacked.Position);
        Assert.Equal((tokens[0].StartOffset, tokens[0].EndOffset), (stacked.StartOffset, stacked.EndOffset));
    }

    [Theory]
    [InlineData("بحر")]      // حر: too short
    [InlineData("فيل")]
    [InlineData("بالمدينة")] // an article, not a bare proclitic
    [InlineData("مدينة")]
    [InlineData("كتب")]
    public void Analyze_NoSafeRest_StacksNoAlternative(string word) =>
        Assert.DoesNotContain(Analyze.AllTokens(word), t => t.Kind == TokenKind.ProcliticAlternative);

    [Fact]
    public void Analyze_ShortStem_StacksItsExactForm()
    {
        Assert.Equal(["مصر@0", "=مصري@0"], Analyze.IndexedTerms("المصري"));
        Assert.Equal(["مصر@0", "=مصر@0"], Analyze.IndexedTerms("مصر"));
        Assert.Equal(["بمصر@0", "مصر@0", "=مصر@0"], Analyze.IndexedTerms("بمصر"));
    }

    [Fact]
    public void Analyze_LongStem_StacksNothing() =>
        Assert.Equal(["مفاوض@0"], Analyze.IndexedTerms("والمفاوضات"));

    [Fact]
    public void Analyze_StackedTerms_KeepTheNextWordsPosition() =>
        Assert.Equal(["بمدين@0", "مدين@0", "زرقاء@1"], Analyze.IndexedTerms("بمدينة الزرقاء"));

    [Theory]
    [InlineData("ألياف", "الألياف", "والألياف")]
    [InlineData("إلغاء", "الإلغاء", "وإلغاء")]
    [InlineData("آلاف", "الآلاف", "بآلاف")]
    [InlineData("ألماني", "الألماني", "الألمانية")]
    public void Analyze_AlefWithHamzaThenLam_IsNoArticle(string word, string withArticle, string other)
    {
        var stem = Analyze.Terms(word).Single();
        Assert.StartsWith("ال", stem, StringComparison.Ordinal);
        Assert.Equal(stem, Analyze.Terms(withArticle).Single());
        Assert.Contains(stem, Analyze.AllTokens(other).Select(token => token.Term));
    }

    [Fact]
    public void Analyze_AlefWithoutHamzaThenLam_IsStillTheArticle() =>
        Assert.Equal(Analyze.Terms("المدينة"), Analyze.Terms("مدينة"));
}
