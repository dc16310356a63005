using DocStream.Core.Querying;
using static DocStream.Search.Tests.SeedCorpus;

namespace DocStream.Search.Tests.Querying;

/// <summary>
/// A small hand-judged set: for each query the best seed was decided by reading the five articles, before running it.
/// </summary>
public class RankingTests
{
    [Theory]
    // 002 is the article about de-escalation: التصعيد in its headline, keywords and three times in a short body.
    [InlineData("التصعيد", PutinOffersHelp)]
    // 001's headline is exactly this call; 000 names the same people inside a long lead paragraph.
    [InlineData("الرئيس الروسي بوتين نتنياهو عباس", PutinCallsNoBoilerplate)]
    // 004 is about Russia backing a ceasefire: in its lead, its sub-heading and its body.
    [InlineData("وقف إطلاق النار", RussiaCeasefire)]
    // 003 is about terrorism (its headline); 004 only says Lavrov rejects the events.
    [InlineData("الإرهاب OR رفض", KremlinTerrorism)]
    public void Search_JudgedQuery_RanksTheJudgedBestFirst(string query, string best)
    {
        var hits = Searcher.Search(query, DocumentFilter.All).Hits;

        Assert.True(hits.Count >= 1);
        Assert.Equal(best, hits[0].Id);
        Assert.True(hits.Zip(hits.Skip(1)).All(pair => pair.First.Score >= pair.Second.Score), "hits are not best first");
    }

    [Fact]
    public void Search_JudgedQueries_HaveCompetitorsSoTheOrderMeansSomething()
    {
        Assert.True(Searcher.Search("التصعيد", DocumentFilter.All).Hits.Count >= 3);
        Assert.True(Searcher.Search("الرئيس الروسي بوتين نتنياهو عباس", DocumentFilter.All).Hits.Count >= 2);
        Assert.True(Searcher.Search("وقف إطلاق النار", DocumentFilter.All).Hits.Count >= 2);
        Assert.True(Searcher.Search("الإرهاب OR رفض", DocumentFilter.All).Hits.Count >= 2);
    }
}
