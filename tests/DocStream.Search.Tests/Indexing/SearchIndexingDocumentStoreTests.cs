using DocStream.Core.Ingest;
using DocStream.Core.Parsing;
using DocStream.Core.Querying;
using DocStream.Search.Indexing;

namespace DocStream.Search.Tests.Indexing;

/// <summary>The index kept in step with a store, on disk, across reopenings.</summary>
public sealed class SearchIndexingDocumentStoreTests : IDisposable
{
    private readonly string _path = Directory.CreateTempSubdirectory("docstream-search-test-").FullName;
    private readonly InMemoryDocumentStore _inner = new();

    public void Dispose() => Directory.Delete(_path, recursive: true);

    [Fact]
    public async Task AddManyAsync_NewDocument_IsSearchableWhenItReturns()
    {
        using var index = SearchIndex.Open(_path);
        var store = new SearchIndexingDocumentStore(_inner, index);
        await store.InitializeAsync(default);

        await store.AddManyAsync([InMemoryDocumentStore.Article("خبر عن قرغيزستان", "نص الخبر")], default);

        Assert.Single(Search(index, "قرغيزستان"));
    }

    [Fact]
    public void Dispose_DisposesTheStoreItWraps()
    {
        using var index = SearchIndex.InMemory();

        new SearchIndexingDocumentStore(_inner, index).Dispose();

        Assert.True(_inner.Disposed);
    }

    [Fact]
    public async Task AddManyAsync_SameDocumentTwice_IsIndexedOnce()
    {
        using var index = SearchIndex.Open(_path);
        var store = new SearchIndexingDocumentStore(_inner, index);
        var article = InMemoryDocumentStore.Article("خبر عن قرغيزستان", "نص");

        await store.AddManyAsync([article], default);
        await store.AddManyAsync([article], default);

        Assert.Equal(1, index.DocumentCount);
    }

    [Fact]
    public async Task DeleteAsync_IndexedDocument_IsGoneWhenItReturns()
    {
        using var index = SearchIndex.Open(_path);
        var store = new SearchIndexingDocumentStore(_inner, index);
        var article = InMemoryDocumentStore.Article("خبر عن قرغيزستان", "نص");
        await store.AddManyAsync([article], default);

        await store.DeleteAsync(article.Id, null, default);

        Assert.Empty(Search(index, "قرغيزستان"));
    }

    [Fact]
    public async Task Open_AfterDispose_KeepsTheDocumentsAndNeedsNoRebuild()
    {
        using (var first = SearchIndex.Open(_path))
        {
            await new SearchIndexingDocumentStore(_inner, first).AddManyAsync([InMemoryDocumentStore.Article("قرغيزستان", "نص")], default);
        }

        using var reopened = SearchIndex.Open(_path);
        var readsBefore = _inner.ReadAfterCalls;
        await new SearchIndexingDocumentStore(_inner, reopened).InitializeAsync(default);

        Assert.Null(reopened.StaleReason(1, 1));
        Assert.Equal(readsBefore, _inner.ReadAfterCalls);
        Assert.Single(Search(reopened, "قرغيزستان"));
    }

    [Fact]
    public async Task InitializeAsync_NoIndexYet_RebuildsFromTheStoreInBatches()
    {
        var documents = Enumerable.Range(0, SearchIndexingDocumentStore.RebuildBatchSize + 10)
            .Select(i => InMemoryDocumentStore.Article($"خبر رقم {i}", "عن قرغيزستان")).ToList();
        await _inner.AddManyAsync(documents, default);
        using var index = SearchIndex.Open(_path);
        Assert.Equal("there is no index yet", index.StaleReason(documents.Count, documents.Count));

        await new SearchIndexingDocumentStore(_inner, index).InitializeAsync(default);

        Assert.Equal(documents.Count, index.DocumentCount);
        Assert.Equal(3, _inner.ReadAfterCalls); // two batches and the empty read that ends the stream
        Assert.Null(index.StaleReason(documents.Count, documents.Count));
        Assert.Equal(documents.Count, index.LastChange);
    }

    [Fact]
    public async Task InitializeAsync_StoreWrittenWhileTheIndexWasClosed_CatchesUpWithoutARebuild()
    {
        using (var first = SearchIndex.Open(_path))
        {
            await new SearchIndexingDocumentStore(_inner, first).AddManyAsync([InMemoryDocumentStore.Article("قرغيزستان", "نص")], default);
        }

        // Written to the store while the index was not watching: another instance, or a crash between the two writes.
        await _inner.AddManyAsync([InMemoryDocumentStore.Article("رفح", "نص")], default);
        using var index = SearchIndex.Open(_path);
        Assert.Null(index.StaleReason(2, 2));
        var readsBefore = _inner.ReadAfterCalls;

        await new SearchIndexingDocumentStore(_inner, index).InitializeAsync(default);

        Assert.Single(Search(index, "رفح"));
        Assert.Equal(readsBefore, _inner.ReadAfterCalls);
        Assert.Equal(2, index.LastChange);
    }

    [Fact]
    public async Task InitializeAsync_CurrentIndexHoldingAnEntryTheStoreDoesNot_RebuildsIt()
    {
        using (var first = SearchIndex.Open(_path))
        {
            await new SearchIndexingDocumentStore(_inner, first).AddManyAsync([InMemoryDocumentStore.Article("قرغيزستان", "نص")], default);
            first.Upsert([("stray", InMemoryDocumentStore.Article("رفح", "نص").Parsed)]);
        }

        using var index = SearchIndex.Open(_path);
        Assert.Equal("it holds 2 documents and the store 1", index.StaleReason(1, 1));

        await new SearchIndexingDocumentStore(_inner, index).InitializeAsync(default);

        Assert.Empty(Search(index, "رفح"));
        Assert.Equal(1, index.DocumentCount);
    }

    [Fact]
    public async Task InitializeAsync_IndexAheadOfTheStore_RebuildsIt()
    {
        using (var first = SearchIndex.Open(_path))
        {
            await new SearchIndexingDocumentStore(_inner, first).AddManyAsync([InMemoryDocumentStore.Article("قرغيزستان", "نص")], default);
        }

        var otherDatabase = new InMemoryDocumentStore();
        using var index = SearchIndex.Open(_path);
        Assert.Equal("it has applied store changes up to 1, and the store has only 0", index.StaleReason(0, 0));

        await new SearchIndexingDocumentStore(otherDatabase, index).InitializeAsync(default);

        Assert.Equal(0, index.DocumentCount);
        Assert.Equal(0, index.LastChange);
    }

    [Fact]
    public async Task CatchUpAsync_ChangesMadeThroughAnotherInstance_AreAppliedInOrder()
    {
        using var index = SearchIndex.Open(_path);
        var store = new SearchIndexingDocumentStore(_inner, index);
        await store.InitializeAsync(default);
        var kept = InMemoryDocumentStore.Article("خبر عن قرغيزستان", "نص");
        var deleted = InMemoryDocumentStore.Article("خبر عن رفح", "نص");
        var batch = Enumerable.Range(0, SearchIndexingDocumentStore.CatchUpBatchSize)
            .Select(i => InMemoryDocumentStore.Article($"خبر رقم {i}", "عن الخرطوم")).ToList();

        // Straight to the inner store, as another instance sharing the database would write.
        await _inner.AddManyAsync([kept, deleted, .. batch], default);
        await _inner.DeleteAsync(kept.Id, null, default);
        await _inner.DeleteAsync(deleted.Id, null, default);
        await _inner.AddManyAsync([kept], default);
        Assert.Empty(Search(index, "قرغيزستان"));

        await store.CatchUpAsync(default);

        Assert.Single(Search(index, "قرغيزستان"));
        Assert.Empty(Search(index, "رفح"));
        Assert.Equal(batch.Count + 1, index.DocumentCount);
        Assert.Equal(await _inner.GetLastChangeAsync(default), index.LastChange);
    }

    [Fact]
    public async Task CatchUpAsync_ChangeFromAnOlderParser_IsIndexedAsTheCurrentParserReadsIt()
    {
        using var index = SearchIndex.Open(_path);
        var store = new SearchIndexingDocumentStore(_inner, index);
        await store.InitializeAsync(default);
        var article = InMemoryDocumentStore.Article("خبر عن قرغيزستان", "نص");
        _inner.AddParsedByOlderParser(article, article.Parsed with { Title = "عنوان قديم", Body = [] });

        await store.CatchUpAsync(default);

        Assert.Single(Search(index, "قرغيزستان"));
        Assert.Empty(Search(index, "قديم"));
    }

    [Fact]
    public async Task RebuildIndexAsync_StoreFailsHalfway_KeepsTheOldIndexSearchable()
    {
        using var index = SearchIndex.Open(_path);
        var store = new SearchIndexingDocumentStore(_inner, index);
        await store.AddManyAsync([InMemoryDocumentStore.Article("قرغيزستان", "نص")], default);
        _inner.FailReadAfterCall = _inner.ReadAfterCalls + 1;

        await Assert.ThrowsAsync<IOException>(() => store.RebuildIndexAsync(default));

        Assert.Single(Search(index, "قرغيزستان"));
        await store.AddManyAsync([InMemoryDocumentStore.Article("رفح", "نص")], default);
        Assert.Single(Search(index, "رفح"));
    }

    [Fact]
    public async Task RebuildIndexAsync_ReturnsTheCountAndDropsEntriesTheStoreNoLongerHas()
    {
        using var index = SearchIndex.Open(_path);
        var store = new SearchIndexingDocumentStore(_inner, index);
        var gone = InMemoryDocumentStore.Article("رفح", "نص");
        await store.AddManyAsync([InMemoryDocumentStore.Article("قرغيزستان", "نص"), gone], default);
        await _inner.DeleteAsync(gone.Id, null, default);

        Assert.Equal(1, await store.RebuildIndexAsync(default));

        Assert.Empty(Search(index, "رفح"));
        Assert.Single(Search(index, "قرغيزستان"));
        Assert.Equal(await _inner.GetLastChangeAsync(default), index.LastChange);
    }

    [Fact]
    public void Open_CorruptIndex_StartsEmptyAndAsksForARebuild()
    {
        using (var first = SearchIndex.Open(_path))
        {
            first.Upsert([("a", InMemoryDocumentStore.Article("قرغيزستان", "نص").Parsed)]);
        }

        foreach (var file in Directory.GetFiles(_path, "segments_*"))
        {
            File.WriteAllBytes(file, [1, 2, 3]);
        }

        using var index = SearchIndex.Open(_path);

        Assert.Equal("there is no index yet", index.StaleReason(1, 1));
        Assert.Equal(0, index.DocumentCount);
    }

    [Fact]
    public async Task InitializeAsync_DocumentFromAnOlderParser_IsIndexedAsTheCurrentParserReadsIt()
    {
        var article = InMemoryDocumentStore.Article("خبر عن قرغيزستان", "نص");
        _inner.AddParsedByOlderParser(article, article.Parsed with { Title = "عنوان قديم", Body = [] });
        using var index = SearchIndex.Open(_path);

        await new SearchIndexingDocumentStore(_inner, index).InitializeAsync(default);

        Assert.Single(Search(index, "قرغيزستان"));
        Assert.Empty(Search(index, "قديم"));
    }

    [Fact]
    public async Task ReparseStaleAsync_ThroughTheStore_KeepsOneCurrentEntryPerDocument()
    {
        var article = InMemoryDocumentStore.Article("خبر عن قرغيزستان", "نص");
        _inner.AddParsedByOlderParser(article, article.Parsed with { Title = "عنوان قديم" });
        using var index = SearchIndex.Open(_path);
        var store = new SearchIndexingDocumentStore(_inner, index);
        await store.InitializeAsync(default);

        Assert.Equal(1, await new DocumentReparser(store).ReparseStaleAsync(default));

        Assert.Equal(1, index.DocumentCount);
        Assert.Equal("خبر عن قرغيزستان", Assert.Single(Search(index, "قرغيزستان")).Title);
    }

    [Fact]
    public async Task UpdateParsedAsync_NewParse_IsAppliedByTheNextCatchUp()
    {
        using var index = SearchIndex.Open(_path);
        var store = new SearchIndexingDocumentStore(_inner, index);
        var article = InMemoryDocumentStore.Article("خبر عن قرغيزستان", "نص");
        await store.AddManyAsync([article], default);

        await store.UpdateParsedAsync(article.Id, article.Parsed with { Title = "خبر عن رفح" }, ArticleParser.Version, default);
        var beforeCatchUp = Search(index, "رفح");
        await store.CatchUpAsync(default);

        Assert.Empty(beforeCatchUp);
        Assert.Single(Search(index, "رفح"));
        Assert.Empty(Search(index, "قرغيزستان"));
        Assert.Equal(1, index.DocumentCount);
    }

    private static IReadOnlyList<SearchHit> Search(SearchIndex index, string query) =>
        new DocumentSearcher(index).Search(query, DocumentFilter.All).Hits;
}
