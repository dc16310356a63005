using DocStream.Core.Querying;
using DocStream.Search.Querying;
using static DocStream.Search.Tests.SeedCorpus;

namespace DocStream.Search.Tests.Querying;

/// <summary>Queries over the five seed articles; which seed holds which word was checked by reading them.</summary>
public class SeedSearchTests
{
    private static string[] Ids(string query, string filter = "") =>
        Searcher.Search(query, FilterParser.Parse(filter)).Hits.Select(h => h.Id).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Search_AlefWithoutHamza_FindsEveryDocWritingItWithHamza()
    {
        // Every seed writes إسرائيل / الإسرائيلي… with hamza below; none writes the bare-alef spelling.
        Assert.All(Articles.Keys, id => Assert.DoesNotContain("اسرائيل", RawText(id), StringComparison.Ordinal));

        Assert.Equal([PutinCallsSawa, PutinCallsNoBoilerplate, PutinOffersHelp, KremlinTerrorism, RussiaCeasefire], Ids("اسرائيل"));
    }

    [Fact]
    public void Search_WithoutShadda_FindsTheWordWrittenWithShaddaAndTehMarbuta()
    {
        Assert.Contains("مسيّسة", RawText(PutinCallsSawa), StringComparison.Ordinal);

        Assert.Equal([PutinCallsSawa], Ids("مسيسه"));
    }

    [Fact]
    public void Search_QueryWithTatweel_FindsThePlainWord() =>
        Assert.Equal(Ids("قرغيزستان"), Ids("قرغيـــزستان"));

    [Fact]
    public void Search_ArabicIndicDigits_FindAsciiDigits()
    {
        Assert.Contains("1،300", RawText(PutinCallsNoBoilerplate), StringComparison.Ordinal);

        Assert.Equal([PutinCallsNoBoilerplate], Ids("١،٣٠٠"));
    }

    [Fact]
    public void Search_PresentationForms_FindThePlainLetters() =>
        Assert.Equal([RussiaCeasefire], Ids("ﺭﻓﺢ"));

    [Fact]
    public void Search_IndefinitePlural_FindsDefiniteAndIndefiniteForms()
    {
        // 002's body has المفاوضات, 004's headline مفاوضات.
        Assert.Contains("المفاوضات يجب", RawText(PutinOffersHelp), StringComparison.Ordinal);
        Assert.Contains("لأي مفاوضات", RawText(RussiaCeasefire), StringComparison.Ordinal);

        Assert.Equal([PutinOffersHelp, RussiaCeasefire], Ids("مفاوضات"));
        Assert.Equal(Ids("مفاوضات"), Ids("المفاوضات"));
    }

    [Fact]
    public void Search_Phrase_MatchesOnlyTheWordsInThatOrder()
    {
        Assert.Equal([PutinOffersHelp], Ids("\"حل الدولتين\""));
        Assert.Empty(Ids("\"الدولتين حل\""));
        Assert.Equal([PutinOffersHelp], Ids("الدولتين حل"));
    }

    [Fact]
    public void Search_PhraseAcrossAStopWord_StillMatches() =>
        Assert.Contains(PutinOffersHelp, Ids("\"التصعيد في المنطقة\""));

    [Fact]
    public void Search_AllWords_MustMatch()
    {
        Assert.Equal([PutinOffersHelp], Ids("بوتين قرغيزستان"));
        Assert.Empty(Ids("قرغيزستان رفح"));
    }

    [Fact]
    public void Search_Or_MatchesEitherWord() =>
        Assert.Equal([PutinOffersHelp, RussiaCeasefire], Ids("قرغيزستان OR رفح"));

    [Fact]
    public void Search_Excluded_RemovesDocsWithTheWord()
    {
        Assert.Equal([PutinCallsSawa, PutinCallsNoBoilerplate, PutinOffersHelp, KremlinTerrorism], Ids("بوتين"));

        Assert.Equal([PutinOffersHelp], Ids("بوتين -نتنياهو"));
    }

    [Fact]
    public void Search_ExcludedPhrase_RemovesOnlyDocsWithThePhrase() =>
        Assert.Equal([PutinOffersHelp], Ids("روسيا -\"الوضع الإنساني\" -\"إطلاق النار\" -\"مجلس الأمن\""));

    [Fact]
    public void Search_WordOnlyInReadAlsoTeaserAndRelatedList_DoesNotFindTheDoc()
    {
        // Biden appears in 000 only in its read-also teaser, its related headlines and a quoted tweet.
        Assert.Contains("بايدن", RawText(PutinCallsSawa), StringComparison.Ordinal);

        Assert.Empty(Ids("بايدن"));
    }

    [Fact]
    public void Search_WordInOneDocsBodyAndAnothersRelatedList_FindsOnlyTheBody()
    {
        // حماس: in 001's body; in 004 only under مقالات مشابهة.
        Assert.Contains("وفد حماس", RawText(RussiaCeasefire), StringComparison.Ordinal);

        Assert.Equal([PutinCallsNoBoilerplate], Ids("حماس"));
    }

    [Fact]
    public void Search_WordOnlyInAnEmbeddedPost_FindsNothing() =>
        Assert.Empty(Ids("تورطان"));

    [Fact]
    public void Search_Keyword_IsSearched()
    {
        // 003 has طوفان الأقصى only on its keywords line.
        Assert.Equal([KremlinTerrorism], Ids("طوفان"));
    }

    [Fact]
    public void Search_SourceFilter_KeepsOnlyThatSource() =>
        Assert.Equal([PutinOffersHelp], Ids("بوتين", "source = \"صحيفة الاتحاد\""));

    [Fact]
    public void Search_PublishedTimeFilter_KeepsOnlyDocsInRange()
    {
        Assert.Equal([KremlinTerrorism], Ids("بوتين", "published_time >= \"2023-12-01\""));
        Assert.Equal([PutinOffersHelp], Ids("بوتين", "published_time >= \"2023-10-13\" AND published_time < \"2023-10-14\""));
    }

    [Fact]
    public void Search_LanguageFilter_KeepsOnlyThatLanguage()
    {
        Assert.Equal(Ids("بوتين"), Ids("بوتين", "language = ar"));
        Assert.Empty(Ids("بوتين", "language = en"));
    }

    [Fact]
    public void Search_OnlyStopWords_ThrowsNoSearchableTerms()
    {
        var error = Assert.Throws<QuerySyntaxException>(() => Searcher.Search("في من", DocumentFilter.All));

        Assert.Equal((QuerySyntaxException.NoSearchableTerms, 0), (error.Reason, error.Position));
    }

    [Fact]
    public void Search_StopWordBesideARealWord_IsIgnored() =>
        Assert.Equal(Ids("قرغيزستان"), Ids("في قرغيزستان"));

    [Fact]
    public void Search_Limit_CutsTheHitsButCountsAll()
    {
        var results = Searcher.Search("بوتين", DocumentFilter.All, limit: 2);

        Assert.Equal(2, results.Hits.Count);
        Assert.Equal(4, results.TotalHits);
    }

    [Fact]
    public void Search_Hit_CarriesTitleAndAMarkedSnippet()
    {
        var hit = Assert.Single(Searcher.Search("قرغيزستان", DocumentFilter.All).Hits);

        Assert.Equal("بوتين يعرض المساعدة لإنهاء التصعيد في المنطقة", hit.Title);
        Assert.Contains("[قرغيزستان]", hit.Snippet, StringComparison.Ordinal);
        Assert.True(hit.Score > 0);
    }
}
