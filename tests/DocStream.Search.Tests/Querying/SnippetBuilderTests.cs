using DocStream.Search.Analysis;
using DocStream.Search.Querying;

namespace DocStream.Search.Tests.Querying;

public class SnippetBuilderTests
{
    private static readonly DocStreamAnalyzer Analyzer = new();

    private static string Build(string title, string[] paragraphs, string[] terms, HighlightMarkers? markers = null, int maxLength = 240) =>
        SnippetBuilder.Build(Analyzer, title, paragraphs, HighlightPattern.OfWords(terms), markers ?? HighlightMarkers.Brackets, maxLength);

    /// <summary>A snippet for the phrase <paramref name="phrase"/>, analyzed as a query phrase is, and the single <paramref name="words"/>.</summary>
    private static string BuildForPhrase(string[] paragraphs, string phrase, params string[] words)
    {
        var tokens = AnalyzedToken.Analyze(Analyzer, DocStream.Search.Indexing.IndexFields.Body, phrase);
        var pattern = new HighlightPattern(words.ToHashSet(), [[.. tokens.Select(t => new PhraseTerm(t.Term, t.Position - tokens[0].Position))]]);
        return SnippetBuilder.Build(Analyzer, "عنوان", paragraphs, pattern, HighlightMarkers.Brackets);
    }

    [Fact]
    public void Build_MatchedForms_AreMarkedAsWholeWordsAsWritten() =>
        Assert.Equal("بدأت [المفاوضات] أمس [ومفاوضات] اليوم", Build("عنوان", ["بدأت المفاوضات أمس ومفاوضات اليوم"], ["مفاوض"]));

    [Fact]
    public void Build_CustomMarkers_AreUsed() =>
        Assert.Equal("قال <b>بوتين</b>", Build("عنوان", ["قال بوتين"], ["بوتين"], new HighlightMarkers("<b>", "</b>")));

    [Fact]
    public void Build_ParagraphWithMostDistinctTerms_IsChosen()
    {
        string[] paragraphs = ["غزة غزة غزة", "لا شيء هنا", "روسيا وغزة معا"];

        Assert.Equal("[روسيا] [وغزة] معا", Build("عنوان", paragraphs, ["روسيا", "غزه"]));
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
    public void Build_MatchOnlyPastTheAnalysisBudget_IsFoundAndMarked()
    {
        var paragraphs = Enumerable.Repeat(new string('ن', 1000), (SnippetBuilder.AnalysisBudget / 1000) + 2)
            .Append("فقرة لا تذكره")
            .Append("وأعلن الكرملين أمس")
            .Append("ثم الكرملين مرة أخرى")
            .ToArray();

        Assert.Equal("وأعلن [الكرملين] أمس", Build("عنوان", paragraphs, ["كرمل"]));
    }

    [Fact]
    public void Build_Phrase_MarksItsWordsOnlyWhereTheWholePhraseStands()
    {
        string[] paragraphs = ["الحل في يد الدولتين معا", "قال إن حل الدولتين ممكن وإن الحل قريب"];

        Assert.Equal("قال إن [حل] [الدولتين] ممكن وإن الحل قريب", BuildForPhrase(paragraphs, "حل الدولتين"));
    }

    [Fact]
    public void Build_PhraseAcrossAStopWord_MarksItsWordsAroundIt()
    {
        Assert.Equal("أكد [وقف] [إطلاق] [النار] في [غزة] اليوم", BuildForPhrase(["أكد وقف إطلاق النار في غزة اليوم"], "وقف إطلاق النار في غزة"));
    }

    [Fact]
    public void Build_PhraseAndWord_ParagraphShowingBothIsChosen()
    {
        string[] paragraphs = ["روسيا تدعم حل الدولتين", "حل الدولتين وحده"];

        Assert.Equal("[روسيا] تدعم [حل] [الدولتين]", BuildForPhrase(paragraphs, "حل الدولتين", "روسيا"));
    }

    [Fact]
    public void Build_WindowWithEveryTerm_StopsTheSearchAtThatParagraph() =>
        Assert.Equal("[روسيا] [وغزة]", Build("عنوان", ["روسيا وغزة", "روسيا وغزة وروسيا"], ["روسيا", "غزه"]));
}
