using DocStream.Testing.Storage;
using DocStream.Core.Documents;
using DocStream.Core.Parsing;
using DocStream.Core.Storage;

namespace DocStream.Storage.Tests;

/// <summary>The change feed that search indexes follow: the same on every store.</summary>
public abstract partial class DocumentStoreCompliance
{
    [Fact]
    public async Task GetLastChangeAsync_NewStore_IsZeroAndFeedIsEmpty()
    {
        var store = await CreateStoreAsync();

        Assert.Equal(0, await store.Changes.GetLastChangeAsync(default));
        Assert.Empty(await store.Changes.ReadChangesAsync(0, 10, DocumentParts.Body, default));
    }

    [Fact]
    public async Task ChangesReadAsync_NewDocuments_ComeInWriteOrderWithTheirBody()
    {
        var store = await CreateStoreAsync();
        var added = await store.Writer.AddAsync([Article("a"), Article("b")], default);
        var third = await store.Writer.AddAsync([Article("c")], default);

        var changes = await store.Changes.ReadChangesAsync(0, 10, DocumentParts.Body, default);

        Assert.Equal(added.Concat(third).Select(a => a.Document.Id), changes.Select(c => c.Id));
        Assert.True(changes.Zip(changes.Skip(1)).All(pair => pair.First.Change < pair.Second.Change));
        Assert.Equal(changes[^1].Change, await store.Changes.GetLastChangeAsync(default));
        Assert.All(changes, c => Assert.Null(c.Document!.RawContent));
        Assert.Equal(Article("a").Parsed.Body, changes[0].Document!.ReadArticle().Body);
        Assert.Equal(added[0].Document.Etag, changes[0].Document!.Etag);
    }

    [Fact]
    public async Task ChangesReadAsync_InPagesOfTheLimit_CoversEveryChangeOnceInOrder()
    {
        var store = await CreateStoreAsync();
        var added = await store.Writer.AddAsync(Enumerable.Range(0, 5).Select(i => Article($"doc{i}")).ToArray(), default);

        var seen = new List<string>();
        long after = 0;
        while (await store.Changes.ReadChangesAsync(after, 2, DocumentParts.Basic, default) is { Count: > 0 } page)
        {
            Assert.True(page.Count <= 2);
            seen.AddRange(page.Select(c => c.Id));
            after = page[^1].Change;
        }

        Assert.Equal(added.Select(a => a.Document.Id), seen);
    }

    [Fact]
    public async Task ChangesReadAsync_ReplacedDocument_AppearsOnceAtItsLatestChange()
    {
        var store = await CreateStoreAsync();
        var article = Article("a");
        await store.Writer.AddAsync([article, Article("b")], default);
        var before = await store.Changes.GetLastChangeAsync(default);

        await store.Writer.ReplaceParsedAsync([new ParsedReplacement(article.Id, article.Parsed with { Title = "عنوان جديد" })], ArticleParser.Version, default);

        var changes = await store.Changes.ReadChangesAsync(0, 10, DocumentParts.Basic, default);
        Assert.Equal([Article("b").Id, article.Id], changes.Select(c => c.Id));
        Assert.Equal("عنوان جديد", changes[1].Document!.ReadArticle().Title);
        Assert.Equal(before + 1, changes[1].Change);
        Assert.Equal(article.Id, Assert.Single(await store.Changes.ReadChangesAsync(before, 10, DocumentParts.Basic, default)).Id);
    }

    [Fact]
    public async Task ChangesReadAsync_ReplacingSeveralAtOnce_TakesOneChangeEach()
    {
        var store = await CreateStoreAsync();
        var articles = new[] { Article("a"), Article("b"), Article("c") };
        await store.Writer.AddAsync(articles, default);
        var before = await store.Changes.GetLastChangeAsync(default);

        await store.Writer.ReplaceParsedAsync(
            [new ParsedReplacement(articles[2].Id, articles[2].Parsed), new ParsedReplacement(new string('0', 32), articles[0].Parsed), new ParsedReplacement(articles[0].Id, articles[0].Parsed)],
            ArticleParser.Version, default);

        var changes = await store.Changes.ReadChangesAsync(before, 10, DocumentParts.Basic, default);
        Assert.Equal([(before + 1, articles[2].Id), (before + 2, articles[0].Id)], changes.Select(c => (c.Change, c.Id)));
        Assert.Equal(before + 2, await store.Changes.GetLastChangeAsync(default));
    }

    [Fact]
    public async Task ChangesReadAsync_DeletedThenStoredAgain_ComesAsDeletionThenDocument()
    {
        var store = await CreateStoreAsync();
        var article = Article("a");
        var first = (await store.Writer.AddAsync([article], default))[0].Document;
        await store.Writer.DeleteAsync(article.Id, null, default);
        var afterDelete = await store.Changes.ReadChangesAsync(0, 10, DocumentParts.Basic, default);

        await store.Writer.AddAsync([article], default);

        var deletion = Assert.Single(afterDelete);
        Assert.Null(deletion.Document);
        Assert.Equal(article.Id, deletion.Id);
        var changes = await store.Changes.ReadChangesAsync(0, 10, DocumentParts.Basic, default);
        Assert.Equal([(article.Id, false), (article.Id, true)], changes.Select(c => (c.Id, c.Document is not null)));
        Assert.True(changes[0].Change < changes[1].Change);
        Assert.NotEqual(first.Etag, changes[1].Document!.Etag);
    }

    [Fact]
    public async Task GetLastChangeAsync_WritesThatChangeNothing_TakeNoChangeNumber()
    {
        var store = await CreateStoreAsync();
        var stored = (await store.Writer.AddAsync([Article("a")], default))[0].Document;
        var last = await store.Changes.GetLastChangeAsync(default);

        await store.Writer.AddAsync([Article("a")], default);
        await store.Writer.DeleteAsync(stored.Id, "stale", default);
        await store.Writer.DeleteAsync(new string('0', 32), null, default);
        await store.Writer.ReplaceParsedAsync([new ParsedReplacement(new string('0', 32), Article("x").Parsed)], ArticleParser.Version, default);

        Assert.Equal(last, await store.Changes.GetLastChangeAsync(default));
        Assert.Empty(await store.Changes.ReadChangesAsync(last, 10, DocumentParts.Basic, default));
    }

    [Fact]
    public async Task ChangesReadAsync_ChangesThroughAnotherInstance_AreInTheFeed()
    {
        var store = await CreateStoreAsync();
        var other = await OpenSameDatabaseAsync(store);
        await store.Writer.AddAsync([Article("a")], default);
        var last = await store.Changes.GetLastChangeAsync(default);

        var added = (await other.Writer.AddAsync([Article("b")], default))[0].Document;
        await other.Writer.DeleteAsync(Article("a").Id, null, default);

        var changes = await store.Changes.ReadChangesAsync(last, 10, DocumentParts.Basic, default);
        Assert.Equal([(added.Id, true), (Article("a").Id, false)], changes.Select(c => (c.Id, c.Document is not null)));
        Assert.Equal(changes[^1].Change, await store.Changes.GetLastChangeAsync(default));
        Assert.Equal(await other.Changes.GetLastChangeAsync(default), await store.Changes.GetLastChangeAsync(default));
    }

    [Fact]
    public async Task ChangesReadAsync_FollowingTwoInstancesWritingAtOnce_MissesNoChange()
    {
        var store = await CreateStoreAsync();
        var other = await OpenSameDatabaseAsync(store);

        // Both instances store the same shared documents, in opposite orders, so their batches also conflict.
        async Task WriteAsync(IDocumentStore writer, string name, bool reversed)
        {
            for (var i = 0; i < 15; i++)
            {
                var shared = new[] { Article($"shared{i}a"), Article($"shared{i}b") };
                await writer.Writer.AddAsync([Article($"{name}{i}"), .. reversed ? shared.Reverse() : shared], default);
                if (i % 5 == 4)
                {
                    await writer.Writer.DeleteAsync(Article($"{name}{i - 1}").Id, null, default);
                }
            }
        }

        var writers = Task.WhenAll(Task.Run(() => WriteAsync(store, "a", reversed: false)), Task.Run(() => WriteAsync(other, "b", reversed: true)));
        var present = new HashSet<string>();
        long after = 0;
        while (true)
        {
            // Read until the feed is empty after both writers have finished; a change that became visible after a
            // higher-numbered one would be skipped and missing at the end.
            var finished = writers.IsCompleted;
            var page = await store.Changes.ReadChangesAsync(after, 7, DocumentParts.Basic, default);
            if (finished && page.Count == 0)
            {
                break;
            }

            foreach (var change in page)
            {
                Assert.True(change.Change > after);
                after = change.Change;
                if (change.Document is null)
                {
                    present.Remove(change.Id);
                }
                else
                {
                    present.Add(change.Id);
                }
            }
        }

        await writers;
        var stored = (await store.Reader.ReadAsync(new DocumentQuery { Limit = 1000 }, default)).Documents;
        Assert.Equal(stored.Select(d => d.Id).Order(StringComparer.Ordinal), present.Order(StringComparer.Ordinal));
        Assert.Equal(2 * 15 + 2 * 15 - 2 * 3, stored.Count);
        Assert.Equal(after, await other.Changes.GetLastChangeAsync(default));
    }
}
