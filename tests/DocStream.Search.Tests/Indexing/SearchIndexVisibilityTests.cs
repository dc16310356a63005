using DocStream.Search.Indexing;

namespace DocStream.Search.Tests.Indexing;

/// <summary>
/// When applied changes become searchable: an import's batches are applied unrefreshed
/// (<see cref="SearchIndexFollower.ApplyAsync"/>) and made searchable by the next catch-up, its own after its last
/// batch or a search's.
/// </summary>
public sealed class SearchIndexVisibilityTests : FollowedIndexTests
{
    [Fact]
    public async Task ApplyAsync_AppliesTheStoredChangesButLeavesThemUnsearchableUntilTheCatchUp()
    {
        using var index = SearchIndex.Open(IndexPath, TimeSpan.FromHours(1));
        var follower = await InitializedFollowerAsync(index);
        var writer = Writer(follower);

        await writer.AddWithoutFollowersAsync([Article("خبر عن قرغيزستان", "نص")], default);
        await follower.ApplyAsync(default);

        Assert.Equal(await Store.Changes.GetLastChangeAsync(default), index.LastChange);
        Assert.Empty(Search(index, "قرغيزستان"));

        await follower.CatchUpAsync(default);

        Assert.Single(Search(index, "قرغيزستان"));
    }

    [Fact]
    public async Task CatchUpForSearchAsync_WithNothingNewToApply_MakesWhatAnApplyLeftSearchable()
    {
        using var index = SearchIndex.Open(IndexPath, TimeSpan.FromHours(1));
        var follower = await InitializedFollowerAsync(index);
        await Writer(follower).AddWithoutFollowersAsync([Article("خبر عن قرغيزستان", "نص")], default);
        await follower.ApplyAsync(default);

        await follower.CatchUpForSearchAsync(default);

        Assert.Single(Search(index, "قرغيزستان"));
    }

    [Fact]
    public async Task AddAsync_ManyPagesOfChanges_AreAllSearchableWhenItReturns()
    {
        using var index = SearchIndex.Open(IndexPath, TimeSpan.FromHours(1));
        var writer = Writer(await InitializedFollowerAsync(index));
        var articles = Enumerable.Range(0, SearchIndexFollower.CatchUpBatchSize + 5).Select(i => Article($"خبر رقم {i} عن قرغيزستان", "نص")).ToArray();

        await writer.AddAsync(articles, default);

        Assert.Equal(articles.Length, new DocumentSearcher(index).Search("قرغيزستان", Core.Querying.DocumentFilter.All, limit: 1).TotalHits);
    }

    [Fact]
    public void Apply_ABatchLargeEnoughToWriteFromEveryCore_KeepsTheOrderOfEachDocumentsChanges()
    {
        using var index = SearchIndex.Open(IndexPath, TimeSpan.FromHours(1));
        var added = Enumerable.Range(0, 64).Select(i => new IndexEntry($"doc-{i}", Core.Parsing.ArticleParser.Parse($"خبر رقم {i}\n\nعن قرغيزستان"), null, false));
        var removedAgain = Enumerable.Range(0, 32).Select(i => new IndexEntry($"doc-{i}", Parsed: null, null, false));

        index.Apply([.. added, .. removedAgain], lastChange: 96);

        Assert.Equal(32, index.DocumentCount);
        Assert.Equal(32, new DocumentSearcher(index).Search("قرغيزستان", Core.Querying.DocumentFilter.All, limit: 1).TotalHits);
    }
}
