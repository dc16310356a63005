using DocStream.Search.Analysis;
using DocStream.Search.Querying;

namespace DocStream.Search.Tests.Querying;

public class SnippetBuilderTests
{
    private static readonly DocStreamAnalyzer Analyzer = new();

    private static string Build(string title, string[] paragraphs, string[] terms, HighlightMarkers? markers = null, int maxLength = 240) =>
        SnippetBuilder.Build(Analyzer, title, paragraphs, terms.ToHashSet(), markers ?? HighlightMarkers.Brackets, maxLength);

    [Fact]
    public void Build_MatchedForms_AreMarkedAsWholeWordsAsWritten() =>
        Assert.Equal("بدأت [المفاوضات] أمس [ومفاوضات] اليوم", Build("عنوان", ["بدأت المفاوضات أمس ومفاوضات اليوم"], ["مفاوض"]));

    [Fact]
    public void Build_CustomMarkers_AreUsed() =>
        Assert.Equal("قال <b>بوتين</b>", Build("عنوان", ["قال بوتين"], ["بوت"], new HighlightMarkers("<b>", "</b>")));

    [Fact]
    public void Build_ParagraphWithMostDistinctTerms_IsChosen()
    {
        string[] paragraphs = ["غزة غزة غزة", "لا شيء هنا", "روسيا وغزة معا"];

        Assert.Equal("[روسيا] [وغزة] معا", Build("عنوان", paragraphs, ["روسيا", "غز"]));
    }

    [Fact]
    public void Build_LongParagraph_IsCutAtWordsAroundTheMatchWithEllipses()
    {
        var filler = string.Join(' ', Enumerable.Repeat("كلمة", 100));
        var paragraph = $"{filler} الكرملين {filler}";

        var snippet = Build("عنوان", [paragraph], ["كرمل"], maxLength: 80);

        Assert.StartsWith("…كلمة", snippet, StringComparison.Ordinal);
        Assert.EndsWith("كلمة…", snippet, StringComparison.Ordinal);
        Assert.Contains(" [الكرملين] ", snippet, StringComparison.Ordinal);
        Assert.True(snippet.Length <= 80 + "[]……".Length, snippet);
    }

    [Fact]
    public void Build_NoMatchInBody_MarksTheTitle() =>
        Assert.Equal("[الكرملين] يعلق", Build("الكرملين يعلق", ["نص بلا ذكر"], ["كرمل"]));

    [Fact]
    public void Build_NoMatchAnywhere_ReturnsTheStartOfTheBodyUnmarked() =>
        Assert.Equal("الفقرة الأولى…", Build("عنوان", ["الفقرة الأولى من النص الطويل"], ["كرمل"], maxLength: 15));

    [Fact]
    public void Build_NoBodyAndNoMatch_IsEmpty() =>
        Assert.Equal("", Build("عنوان", [], ["كرمل"]));

    [Fact]
    public void Build_MatchBeyondTheAnalysisBudget_IsNotLookedFor()
    {
        var paragraphs = Enumerable.Repeat(new string('ن', 1000), (SnippetBuilder.AnalysisBudget / 1000) + 2).Append("الكرملين").ToArray();

        Assert.DoesNotContain("[", Build("عنوان", paragraphs, ["كرمل"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WindowWithEveryTerm_StopsTheSearchAtThatParagraph() =>
        Assert.Equal("[روسيا] [وغزة]", Build("عنوان", ["روسيا وغزة", "روسيا وغزة وروسيا"], ["روسيا", "غز"]));
}
