using DocStream.Core.Documents;
using DocStream.Core.Parsing;
using DocStream.Core.Querying;
using DocStream.Core.Storage;

namespace DocStream.Storage.Tests;

/// <summary>What watches need of the change feed: filters, how far a page reads, creation, pruning, wake-ups.</summary>
public abstract partial class DocumentStoreCompliance
{
    /// <summary>True when the store tells one instance of writes through another (<see cref="IChangeFeed.ListenAsync"/>).</summary>
    protected abstract bool HearsOtherInstances { get; }

    [Fact]
    public async Task ChangesReadAsync_Filter_SelectsMatchingDocumentsAndEveryDeletion()
    {
        var store = await CreateStoreAsync();
        var added = await store.Writer.AddAsync([Article("a", sources: ["A"]), Article("b", sources: ["B"]), Article("c", sources: ["A"])], default);
        await store.Writer.DeleteAsync(added[1].Document.Id, null, default);

        var page = await store.Changes.ReadAsync(new ChangeQuery { Limit = 10, Filter = FilterParser.Parse("source = \"A\"") }, default);

        Assert.Equal([(added[0].Document.Id, true), (added[2].Document.Id, true), (added[1].Document.Id, false)],
            page.Changes.Select(c => (c.Id, c.Document is not null)));
        Assert.False(page.MoreMayFollow);
    }

    [Fact]
    public async Task ChangesReadAsync_FilterMatchingNothing_ReadsThroughTheLatestChange()
    {
        var store = await CreateStoreAsync();
        await store.Writer.AddAsync([Article("a", sources: ["A"]), Article("b", sources: ["A"])], default);

        var page = await store.Changes.ReadAsync(new ChangeQuery { Limit = 10, Filter = FilterParser.Parse("source = \"nobody\"") }, default);

        Assert.Empty(page.Changes);
        Assert.Equal(await store.Changes.GetLastChangeAsync(default), page.ReadThrough);
    }

    [Fact]
    public async Task ChangesReadAsync_PageAtItsLimit_ReadsThroughItsLastChangeAndMoreMayFollow()
    {
        var store = await CreateStoreAsync();
        await store.Writer.AddAsync([Article("a"), Article("b"), Article("c")], default);

        var page = await store.Changes.ReadAsync(new ChangeQuery { Limit = 2 }, default);

        Assert.Equal(2, page.Changes.Count);
        Assert.Equal(page.Changes[^1].Change, page.ReadThrough);
        Assert.True(page.MoreMayFollow);
    }

    [Fact]
    public async Task ChangesReadAsync_ByteBudget_EndsWithTheDocumentThatReachesIt()
    {
        var store = await CreateStoreAsync();
        await store.Writer.AddAsync([Article("a"), Article("b"), Article("c")], default);
        var first = (await store.Changes.ReadAsync(new ChangeQuery { Limit = 1, Parts = DocumentParts.Full }, default)).Changes[0];

        var page = await store.Changes.ReadAsync(new ChangeQuery { Limit = 10, Parts = DocumentParts.Full, MaxBytes = first.Document!.SerializedSize + 1 }, default);

        Assert.Equal(2, page.Changes.Count);
        Assert.True(page.MoreMayFollow);
        Assert.Equal(page.Changes[^1].Change, page.ReadThrough);
    }

    [Fact]
    public async Task ChangesReadAsync_ReplacedDocument_KeepsTheChangeThatCreatedIt()
    {
        var store = await CreateStoreAsync();
        var article = Article("a");
        await store.Writer.AddAsync([article], default);
        var created = (await store.Changes.ReadAsync(new ChangeQuery { Limit = 10 }, default)).Changes.Single();
        await store.Writer.ReplaceParsedAsync([new ParsedReplacement(article.Id, article.Parsed with { Title = "جديد" })], ArticleParser.Version, default);
        await store.Writer.AddAsync([Article("b")], default);
        await store.Writer.DeleteAsync(Article("b").Id, null, default);

        var changes = (await store.Changes.ReadAsync(new ChangeQuery { Limit = 10 }, default)).Changes;

        Assert.Equal(created.Change, created.CreatedChange);
        Assert.Equal(created.Change, changes[0].CreatedChange);
        Assert.True(changes[0].Change > created.Change);
        Assert.Equal(0, changes[^1].CreatedChange);
    }

    [Fact]
    public async Task PruneDeletionsAsync_OlderDeletions_AreGoneAndThePageSaysHowFar()
    {
        var store = await CreateStoreAsync();
        var added = await store.Writer.AddAsync([Article("a"), Article("b"), Article("c")], default);
        await store.Writer.DeleteAsync(added[0].Document.Id, null, default);
        await store.Writer.DeleteAsync(added[1].Document.Id, null, default);
        var deletions = (await store.Changes.ReadAsync(new ChangeQuery { Limit = 10 }, default)).Changes.Where(c => c.Document is null).ToList();

        Assert.Equal(0, await store.Changes.PruneDeletionsAsync(DateTimeOffset.UtcNow.AddHours(-1), default));
        Assert.Equal(2, await store.Changes.PruneDeletionsAsync(DateTimeOffset.UtcNow.AddSeconds(1), default));

        var page = await store.Changes.ReadAsync(new ChangeQuery { Limit = 10 }, default);
        Assert.Equal([added[2].Document.Id], page.Changes.Select(c => c.Id));
        Assert.Equal(deletions[^1].Change, page.PrunedThrough);
        Assert.Equal(0, await store.Changes.PruneDeletionsAsync(DateTimeOffset.UtcNow.AddSeconds(1), default));
        Assert.Equal(deletions[^1].Change, (await store.Changes.ReadAsync(new ChangeQuery { Limit = 10 }, default)).PrunedThrough);
    }

    [Fact]
    public async Task ChangesReadAsync_NothingPruned_PrunedThroughIsZero()
    {
        var store = await CreateStoreAsync();
        var added = await store.Writer.AddAsync([Article("a")], default);
        await store.Writer.DeleteAsync(added[0].Document.Id, null, default);

        Assert.Equal(0, (await store.Changes.ReadAsync(new ChangeQuery { Limit = 10 }, default)).PrunedThrough);
    }

    [Fact]
    public async Task ListenAsync_WriteThroughAnotherInstance_IsHeardWhereTheStoreSharesIt_AndItsOwnWritesAreNot()
    {
        var store = await CreateStoreAsync();
        var other = await OpenSameDatabaseAsync(store);
        using var listening = new CancellationTokenSource();
        var heard = new SemaphoreSlim(0);
        var listener = store.Changes.ListenAsync(() => heard.Release(), listening.Token);
        // Listening starts asynchronously; what it hears on starting, it may report at once.
        await Task.Delay(500);
        while (heard.CurrentCount > 0)
        {
            await heard.WaitAsync();
        }

        await other.Writer.AddAsync([Article("a")], default);

        Assert.Equal(HearsOtherInstances, await heard.WaitAsync(TimeSpan.FromSeconds(HearsOtherInstances ? 30 : 1)));
        // Its own writes wake its watches directly, not through the listener.
        await store.Writer.AddAsync([Article("b")], default);
        Assert.False(await heard.WaitAsync(TimeSpan.FromSeconds(1)));
        await listening.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => listener);
    }
}
