using DocStream.Core.Documents;
using DocStream.Core.Ingest;
using DocStream.Core.Parsing;
using DocStream.Core.Storage;
using DocStream.Search.Indexing;
using DocStream.Testing.Storage;

namespace DocStream.Search.Tests.Indexing;

/// <summary>The index kept in step with a store's change feed, on disk, across reopenings.</summary>
public sealed class SearchIndexFollowerTests : FollowedIndexTests
{
    [Fact]
    public async Task AddAsync_ThroughTheFollowedWriter_IsSearchableWhenItReturns()
    {
        using var index = SearchIndex.Open(IndexPath);
        var follower = await InitializedFollowerAsync(index);

        await Writer(follower).AddAsync([Article("خبر عن قرغيزستان", "نص الخبر")], default);

        Assert.Single(Search(index, "قرغيزستان"));
    }

    [Fact]
    public async Task AddAsync_SameDocumentTwice_IsIndexedOnce()
    {
        using var index = SearchIndex.Open(IndexPath);
        var writer = Writer(await InitializedFollowerAsync(index));
        var article = Article("خبر عن قرغيزستان", "نص");

        await writer.AddAsync([article], default);
        await writer.AddAsync([article], default);

        Assert.Equal(1, index.DocumentCount);
    }

    [Fact]
    public async Task DeleteAsync_IndexedDocument_IsGoneWhenItReturns()
    {
        using var index = SearchIndex.Open(IndexPath);
        var writer = Writer(await InitializedFollowerAsync(index));
        var article = Article("خبر عن قرغيزستان", "نص");
        await writer.AddAsync([article], default);

        await writer.DeleteAsync(article.Id, null, default);

        Assert.Empty(Search(index, "قرغيزستان"));
    }

    [Fact]
    public async Task Open_AfterDispose_KeepsTheDocumentsAndNeedsNoRebuild()
    {
        using (var first = SearchIndex.Open(IndexPath))
        {
            await Writer(await InitializedFollowerAsync(first)).AddAsync([Article("قرغيزستان", "نص")], default);
        }

        using var reopened = SearchIndex.Open(IndexPath);
        var readsBefore = Reader.PageReads;
        await Follower(reopened).InitializeAsync(default);

        Assert.Null(reopened.StaleReason(1, 1));
        Assert.Equal(readsBefore, Reader.PageReads);
        Assert.Single(Search(reopened, "قرغيزستان"));
    }

    [Fact]
    public async Task InitializeAsync_NoIndexYet_RebuildsFromTheStoreInBatches()
    {
        var documents = Enumerable.Range(0, SearchIndexFollower.RebuildBatchSize + 10).Select(i => Article($"خبر رقم {i}", "عن قرغيزستان")).ToList();
        await Store.Writer.AddAsync(documents, default);
        using var index = SearchIndex.Open(IndexPath);
        Assert.Equal("there is no index yet", index.StaleReason(documents.Count, documents.Count));

        await Follower(index).InitializeAsync(default);

        Assert.Equal(documents.Count, index.DocumentCount);
        Assert.Equal(2, Reader.PageReads); // the second page says nothing follows
        Assert.Null(index.StaleReason(documents.Count, documents.Count));
        Assert.Equal(documents.Count, index.LastChange);
    }

    [Fact]
    public async Task InitializeAsync_StoreWrittenWhileTheIndexWasClosed_CatchesUpWithoutARebuild()
    {
        using (var first = SearchIndex.Open(IndexPath))
        {
            await Writer(await InitializedFollowerAsync(first)).AddAsync([Article("قرغيزستان", "نص")], default);
        }

        // Written to the store while the index was not watching: another instance, or a crash between the two writes.
        await Store.Writer.AddAsync([Article("رفح", "نص")], default);
        using var index = SearchIndex.Open(IndexPath);
        Assert.Null(index.StaleReason(2, 2));
        var readsBefore = Reader.PageReads;

        await Follower(index).InitializeAsync(default);

        Assert.Single(Search(index, "رفح"));
        Assert.Equal(readsBefore, Reader.PageReads);
        Assert.Equal(2, index.LastChange);
    }

    [Fact]
    public async Task InitializeAsync_CurrentIndexHoldingAnEntryTheStoreDoesNot_RebuildsIt()
    {
        using (var first = SearchIndex.Open(IndexPath))
        {
            await Writer(await InitializedFollowerAsync(first)).AddAsync([Article("قرغيزستان", "نص")], default);
            first.Upsert([("stray", Article("رفح", "نص").Parsed)]);
        }

        using var index = SearchIndex.Open(IndexPath);
        Assert.Equal("it holds 2 documents and the store 1", index.StaleReason(1, 1));

        await Follower(index).InitializeAsync(default);

        Assert.Empty(Search(index, "رفح"));
        Assert.Equal(1, index.DocumentCount);
    }

    [Fact]
    public async Task InitializeAsync_IndexAheadOfTheStore_RebuildsIt()
    {
        using (var first = SearchIndex.Open(IndexPath))
        {
            await Writer(await InitializedFollowerAsync(first)).AddAsync([Article("قرغيزستان", "نص")], default);
        }

        var otherDatabase = new InMemoryDocumentStore();
        using var index = SearchIndex.Open(IndexPath);
        Assert.Equal("it has applied store changes up to 1, and the store has only 0", index.StaleReason(0, 0));

        await new SearchIndexFollower(otherDatabase.Changes, otherDatabase.Reader, index).InitializeAsync(default);

        Assert.Equal(0, index.DocumentCount);
        Assert.Equal(0, index.LastChange);
    }

    [Fact]
    public async Task CatchUpAsync_ChangesMadeThroughAnotherInstance_AreAppliedInOrder()
    {
        using var index = SearchIndex.Open(IndexPath);
        var follower = await InitializedFollowerAsync(index);
        var kept = Article("خبر عن قرغيزستان", "نص");
        var deleted = Article("خبر عن رفح", "نص");
        var batch = Enumerable.Range(0, SearchIndexFollower.CatchUpBatchSize).Select(i => Article($"خبر رقم {i}", "عن الخرطوم")).ToList();

        // Straight to the store, as another instance sharing the database would write.
        await Store.Writer.AddAsync([kept, deleted, .. batch], default);
        await Store.Writer.DeleteAsync(kept.Id, null, default);
        await Store.Writer.DeleteAsync(deleted.Id, null, default);
        await Store.Writer.AddAsync([kept], default);
        Assert.Empty(Search(index, "قرغيزستان"));

        await follower.CatchUpAsync(default);

        Assert.Single(Search(index, "قرغيزستان"));
        Assert.Empty(Search(index, "رفح"));
        Assert.Equal(batch.Count + 1, index.DocumentCount);
        Assert.Equal(await Store.Changes.GetLastChangeAsync(default), index.LastChange);
    }

    [Fact]
    public async Task CatchUpAsync_DeletionsItMissedWerePruned_RebuildsAndDropsThem()
    {
        using var index = SearchIndex.Open(IndexPath);
        var follower = await InitializedFollowerAsync(index);
        var deleted = Article("خبر عن رفح", "نص");
        await Writer(follower).AddAsync([deleted, Article("خبر عن قرغيزستان", "نص")], default);

        // Another instance deletes it, and the deletion is pruned before this index hears of it.
        await Store.Writer.DeleteAsync(deleted.Id, null, default);
        await Store.Changes.PruneDeletionsAsync(DateTimeOffset.UtcNow.AddSeconds(1), default);
        await follower.CatchUpAsync(default);

        Assert.Empty(Search(index, "رفح"));
        Assert.Single(Search(index, "قرغيزستان"));
        Assert.Equal(await Store.Changes.GetLastChangeAsync(default), index.LastChange);
    }

    [Fact]
    public async Task CatchUpAsync_ChangeFromAnOlderParser_IsIndexedAsTheCurrentParserReadsIt()
    {
        using var index = SearchIndex.Open(IndexPath);
        var follower = await InitializedFollowerAsync(index);
        var article = Article("خبر عن قرغيزستان", "نص");
        await AddParsedByOlderParserAsync(article, article.Parsed with { Title = "عنوان قديم", Body = [] });

        await follower.CatchUpAsync(default);

        Assert.Single(Search(index, "قرغيزستان"));
        Assert.Empty(Search(index, "قديم"));
    }

    [Fact]
    public async Task RebuildAsync_StoreFailsHalfway_KeepsTheOldIndexSearchable()
    {
        using var index = SearchIndex.Open(IndexPath);
        var follower = await InitializedFollowerAsync(index);
        var writer = Writer(follower);
        await writer.AddAsync([Article("قرغيزستان", "نص")], default);
        Reader.FailPageRead = Reader.PageReads + 1;

        await Assert.ThrowsAsync<IOException>(() => follower.RebuildAsync(default));

        Assert.Single(Search(index, "قرغيزستان"));
        await writer.AddAsync([Article("رفح", "نص")], default);
        Assert.Single(Search(index, "رفح"));
    }

    [Fact]
    public async Task RebuildAsync_ReturnsTheCountAndDropsEntriesTheStoreNoLongerHas()
    {
        using var index = SearchIndex.Open(IndexPath);
        var follower = await InitializedFollowerAsync(index);
        var gone = Article("رفح", "نص");
        await Writer(follower).AddAsync([Article("قرغيزستان", "نص"), gone], default);
        await Store.Writer.DeleteAsync(gone.Id, null, default);

        Assert.Equal(1, await follower.RebuildAsync(default));

        Assert.Empty(Search(index, "رفح"));
        Assert.Single(Search(index, "قرغيزستان"));
        Assert.Equal(await Store.Changes.GetLastChangeAsync(default), index.LastChange);
    }

    [Fact]
    public async Task RebuildAsync_WhileItRuns_SearchesKeepThePreviousIndexAndWritesWait()
    {
        using var index = SearchIndex.Open(IndexPath);
        var follower = await InitializedFollowerAsync(index);
        var writer = Writer(follower);
        await writer.AddAsync([Article("قرغيزستان", "نص")], default);
        Reader.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var rebuild = follower.RebuildAsync(default);
        await follower.CatchUpForSearchAsync(default);
        var write = writer.AddAsync([Article("رفح", "نص")], default);
        await Task.Delay(200);

        Assert.False(rebuild.IsCompleted);
        Assert.False(write.IsCompleted);
        Assert.Single(Search(index, "قرغيزستان"));
        Reader.Gate.SetResult();
        await rebuild;
        await write;
        Assert.Single(Search(index, "رفح"));
    }

    [Fact]
    public async Task RebuildAsync_WaitingBehindACatchUp_AlreadySparesSearchesTheWait()
    {
        using var index = SearchIndex.Open(IndexPath);
        var changes = new GatedChangeFeed(Store.Changes);
        var follower = new SearchIndexFollower(changes, Reader, index);
        await follower.InitializeAsync(default);
        changes.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var catchUp = follower.CatchUpAsync(default);
        var rebuild = follower.RebuildAsync(default);
        var search = follower.CatchUpForSearchAsync(default);

        Assert.True(search.IsCompleted, "a search must not queue behind a rebuild that is waiting to start");
        Assert.False(rebuild.IsCompleted);
        changes.Gate.SetResult();
        await catchUp;
        await rebuild;
    }

    [Fact]
    public void Open_CorruptIndex_StartsEmptyAndAsksForARebuild()
    {
        using (var first = SearchIndex.Open(IndexPath))
        {
            first.Upsert([("a", Article("قرغيزستان", "نص").Parsed)]);
        }

        foreach (var file in Directory.GetFiles(IndexPath, "segments_*"))
        {
            File.WriteAllBytes(file, [1, 2, 3]);
        }

        using var index = SearchIndex.Open(IndexPath);

        Assert.Equal("there is no index yet", index.StaleReason(1, 1));
        Assert.Equal(0, index.DocumentCount);
    }

    [Fact]
    public async Task InitializeAsync_DocumentFromAnOlderParser_IsIndexedAsTheCurrentParserReadsIt()
    {
        var article = Article("خبر عن قرغيزستان", "نص");
        await AddParsedByOlderParserAsync(article, article.Parsed with { Title = "عنوان قديم", Body = [] });
        using var index = SearchIndex.Open(IndexPath);

        await Follower(index).InitializeAsync(default);

        Assert.Single(Search(index, "قرغيزستان"));
        Assert.Empty(Search(index, "قديم"));
    }

    [Fact]
    public async Task ReparseStaleAsync_ThroughTheFollowedWriter_KeepsOneCurrentEntryPerDocument()
    {
        var article = Article("خبر عن قرغيزستان", "نص");
        await AddParsedByOlderParserAsync(article, article.Parsed with { Title = "عنوان قديم" });
        using var index = SearchIndex.Open(IndexPath);
        var follower = await InitializedFollowerAsync(index);

        Assert.Equal(1, await new DocumentReparser(Store.Reader, Writer(follower)).ReparseStaleAsync(default));

        Assert.Equal(1, index.DocumentCount);
        Assert.Equal("خبر عن قرغيزستان", Assert.Single(Search(index, "قرغيزستان")).Title);
    }

    [Fact]
    public async Task ReplaceParsedAsync_ThroughAnotherInstance_IsAppliedByTheNextCatchUp()
    {
        using var index = SearchIndex.Open(IndexPath);
        var follower = await InitializedFollowerAsync(index);
        var article = Article("خبر عن قرغيزستان", "نص");
        await Writer(follower).AddAsync([article], default);

        await Store.Writer.ReplaceParsedAsync([new ParsedReplacement(article.Id, article.Parsed with { Title = "خبر عن رفح" })], ArticleParser.Version, default);
        var beforeCatchUp = Search(index, "رفح");
        await follower.CatchUpForSearchAsync(default);

        Assert.Empty(beforeCatchUp);
        Assert.Single(Search(index, "رفح"));
        Assert.Empty(Search(index, "قرغيزستان"));
        Assert.Equal(1, index.DocumentCount);
    }

    /// <summary>Stores <paramref name="article"/> as an older parser read it: with <paramref name="staleParse"/> and an older version.</summary>
    private async Task AddParsedByOlderParserAsync(NewDocument article, ParsedArticle staleParse)
    {
        await Store.Writer.AddAsync([article with { Parsed = staleParse }], default);
        Store.Database.SetParserVersion(article.Id, ArticleParser.Version - 1);
    }
}
