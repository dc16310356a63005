using DocStream.Core.Storage;
using DocStream.Search.Indexing;
using DocStream.Testing.Storage;

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
        // The odd ids, so that no split by position would keep each id's two changes on one thread.
        var removedAgain = Enumerable.Range(0, 32).Select(i => new IndexEntry($"doc-{(2 * i) + 1}", Parsed: null, null, false));

        index.Apply([.. added, .. removedAgain], lastChange: 96);
        index.MakeSearchable();

        Assert.Equal(32, index.DocumentCount);
        Assert.Equal(32, new DocumentSearcher(index).Search("قرغيزستان", Core.Querying.DocumentFilter.All, limit: 1).TotalHits);
    }

    [Fact]
    public async Task ApplyAsync_AStoreThatKeepsWriting_EndsTheRoundAtWhatWasCommittedWhenItBegan()
    {
        using var index = SearchIndex.Open(IndexPath, TimeSpan.FromHours(1));
        var changes = new WritingAheadChangeFeed(Store, maxWrites: 50);
        var follower = new SearchIndexFollower(changes, Reader, index);
        await follower.InitializeAsync(default);
        await Store.Writer.AddAsync([Article("خبر أول عن قرغيزستان", "نص")], default);
        changes.Reads = 0;

        await follower.ApplyAsync(default);

        // One page holds the change committed before the round began (and the one written during that read).
        Assert.Equal(1, changes.Reads);
    }

    /// <summary>A change feed that commits another document before each read: a store running ahead of the index.</summary>
    private sealed class WritingAheadChangeFeed(InMemoryDocumentStore store, int maxWrites) : IChangeFeed
    {
        private int _writes;

        public int Reads { get; set; }

        public async Task<ChangePage> ReadAsync(ChangeQuery query, CancellationToken cancellationToken)
        {
            Reads++;
            if (_writes++ < maxWrites)
            {
                await store.Writer.AddAsync([Article($"خبر رقم {_writes}", "نص")], cancellationToken);
            }

            return await store.Changes.ReadAsync(query, cancellationToken);
        }

        public Task<long> GetLastChangeAsync(CancellationToken cancellationToken) => store.Changes.GetLastChangeAsync(cancellationToken);

        public Task ListenAsync(Action changed, CancellationToken cancellationToken) => store.Changes.ListenAsync(changed, cancellationToken);

        public Task<int> PruneDeletionsAsync(DateTimeOffset deletedBefore, CancellationToken cancellationToken) =>
            store.Changes.PruneDeletionsAsync(deletedBefore, cancellationToken);
    }
}
