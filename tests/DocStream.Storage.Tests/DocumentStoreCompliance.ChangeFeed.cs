using System.Text;
using DocStream.Core.Documents;
using DocStream.Core.Parsing;
using DocStream.Core.Querying;
using DocStream.Core.Storage;

namespace DocStream.Storage.Tests;

/// <summary>The change feed that search indexes follow: the same on every backend.</summary>
public abstract partial class DocumentStoreCompliance
{
    [Fact]
    public async Task GetLastChangeAsync_NewStore_IsZeroAndFeedIsEmpty()
    {
        var store = await CreateStoreAsync();

        Assert.Equal(0, await store.GetLastChangeAsync(default));
        Assert.Empty(await store.ReadChangesAsync(0, 10, default));
    }

    [Fact]
    public async Task ReadChangesAsync_NewDocuments_ComeInWriteOrderWithParsedContentButNoRawBytes()
    {
        var store = await CreateStoreAsync();
        var added = await store.AddManyAsync([Article("a"), Article("b")], default);
        var third = await store.AddManyAsync([Article("c")], default);

        var changes = await store.ReadChangesAsync(0, 10, default);

        Assert.Equal(added.Concat(third).Select(a => a.Document.Id), changes.Select(c => c.Id));
        Assert.True(changes.Zip(changes.Skip(1)).All(pair => pair.First.Change < pair.Second.Change));
        Assert.Equal(changes[^1].Change, await store.GetLastChangeAsync(default));
        Assert.All(changes, c => Assert.Null(c.Document!.RawContent));
        Assert.Equal(Article("a").Parsed.Body, changes[0].Document!.Parsed.Body);
        Assert.Equal(added[0].Document.Etag, changes[0].Document!.Etag);
    }

    [Fact]
    public async Task ReadChangesAsync_InPagesOfTheLimit_CoversEveryChangeOnceInOrder()
    {
        var store = await CreateStoreAsync();
        var added = await store.AddManyAsync(Enumerable.Range(0, 5).Select(i => Article($"doc{i}")).ToArray(), default);

        var seen = new List<string>();
        long after = 0;
        while (await store.ReadChangesAsync(after, 2, default) is { Count: > 0 } page)
        {
            Assert.True(page.Count <= 2);
            seen.AddRange(page.Select(c => c.Id));
            after = page[^1].Change;
        }

        Assert.Equal(added.Select(a => a.Document.Id), seen);
    }

    [Fact]
    public async Task ReadChangesAsync_UpdatedDocument_AppearsOnceAtItsLatestChange()
    {
        var store = await CreateStoreAsync();
        var article = Article("a");
        await store.AddManyAsync([article, Article("b")], default);
        var before = await store.GetLastChangeAsync(default);

        await store.UpdateParsedAsync(article.Id, article.Parsed with { Title = "عنوان جديد" }, ArticleParser.Version, default);

        var changes = await store.ReadChangesAsync(0, 10, default);
        Assert.Equal([Article("b").Id, article.Id], changes.Select(c => c.Id));
        Assert.Equal("عنوان جديد", changes[1].Document!.Parsed.Title);
        Assert.Equal(before + 1, changes[1].Change);
        Assert.Equal(article.Id, Assert.Single(await store.ReadChangesAsync(before, 10, default)).Id);
    }

    [Fact]
    public async Task ReadChangesAsync_DeletedThenStoredAgain_ComesAsDeletionThenDocument()
    {
        var store = await CreateStoreAsync();
        var article = Article("a");
        var first = (await store.AddManyAsync([article], default))[0].Document;
        await store.DeleteAsync(article.Id, null, default);
        var afterDelete = await store.ReadChangesAsync(0, 10, default);

        await store.AddManyAsync([article], default);

        var deletion = Assert.Single(afterDelete);
        Assert.Null(deletion.Document);
        Assert.Equal(article.Id, deletion.Id);
        var changes = await store.ReadChangesAsync(0, 10, default);
        Assert.Equal([(article.Id, false), (article.Id, true)], changes.Select(c => (c.Id, c.Document is not null)));
        Assert.True(changes[0].Change < changes[1].Change);
        Assert.NotEqual(first.Etag, changes[1].Document!.Etag);
    }

    [Fact]
    public async Task GetLastChangeAsync_WritesThatChangeNothing_TakeNoChangeNumber()
    {
        var store = await CreateStoreAsync();
        var stored = (await store.AddManyAsync([Article("a")], default))[0].Document;
        var last = await store.GetLastChangeAsync(default);

        await store.AddManyAsync([Article("a")], default);
        await store.DeleteAsync(stored.Id, "stale", default);
        await store.DeleteAsync(new string('0', 32), null, default);
        await store.UpdateParsedAsync(new string('0', 32), Article("x").Parsed, ArticleParser.Version, default);

        Assert.Equal(last, await store.GetLastChangeAsync(default));
        Assert.Empty(await store.ReadChangesAsync(last, 10, default));
    }

    [Fact]
    public async Task ReadChangesAsync_ChangesThroughAnotherInstance_AreInTheFeed()
    {
        var store = await CreateStoreAsync();
        var other = await OpenSameDatabaseAsync(store);
        await store.AddManyAsync([Article("a")], default);
        var last = await store.GetLastChangeAsync(default);

        var added = (await other.AddManyAsync([Article("b")], default))[0].Document;
        await other.DeleteAsync(Article("a").Id, null, default);

        var changes = await store.ReadChangesAsync(last, 10, default);
        Assert.Equal([(added.Id, true), (Article("a").Id, false)], changes.Select(c => (c.Id, c.Document is not null)));
        Assert.Equal(changes[^1].Change, await store.GetLastChangeAsync(default));
        Assert.Equal(await other.GetLastChangeAsync(default), await store.GetLastChangeAsync(default));
    }

    [Fact]
    public async Task ReadChangesAsync_FollowingTwoInstancesWritingAtOnce_MissesNoChange()
    {
        var store = await CreateStoreAsync();
        var other = await OpenSameDatabaseAsync(store);

        // Both instances store the same shared documents, in opposite orders, so their batches also conflict.
        async Task WriteAsync(IDocumentStore writer, string name, bool reversed)
        {
            for (var i = 0; i < 15; i++)
            {
                var shared = new[] { Article($"shared{i}a"), Article($"shared{i}b") };
                await writer.AddManyAsync([Article($"{name}{i}"), .. reversed ? shared.Reverse() : shared], default);
                if (i % 5 == 4)
                {
                    await writer.DeleteAsync(Article($"{name}{i - 1}").Id, null, default);
                }
            }
        }

        var writers = Task.WhenAll(WriteAsync(store, "a", reversed: false), WriteAsync(other, "b", reversed: true));
        var present = new HashSet<string>();
        long after = 0;
        while (true)
        {
            // Read until the feed is empty after both writers have finished; a change that became visible after a
            // higher-numbered one would be skipped and missing at the end.
            var finished = writers.IsCompleted;
            var page = await store.ReadChangesAsync(after, 7, default);
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
        var stored = await store.ReadAfterAsync(DocumentFilter.All, 0, 1000, long.MaxValue, includeContent: false, default);
        Assert.Equal(stored.Select(d => d.Id).Order(StringComparer.Ordinal), present.Order(StringComparer.Ordinal));
        Assert.Equal(2 * 15 + 2 * 15 - 2 * 3, stored.Count);
        Assert.Equal(after, await other.GetLastChangeAsync(default));
    }

    [Fact]
    public async Task InitializeAsync_DatabaseFromBeforeTheChangeFeed_NumbersExistingDocumentsInSequenceOrder()
    {
        var store = await CreateStoreAsync();
        var added = await store.AddManyAsync([Article("a"), Article("b"), Article("c")], default);
        await store.DeleteAsync(added[1].Document.Id, null, default);
        // Back to schema 2: no change feed, and the metadata and content as JSON.
        await ExecuteSqlAsync(store,
            """
            DROP INDEX documents_change_seq;
            ALTER TABLE documents DROP COLUMN change_seq;
            ALTER TABLE documents DROP COLUMN content_pb;
            ALTER TABLE documents DROP COLUMN meta_pb;
            UPDATE documents SET content_json = '{"body":[],"read_also":[]}',
                meta_json = '{"title":"","sources":[],"keywords_line":"","keywords":[],"body":[],"read_also":[],"related_headlines":[],"embedded_posts":[],"language_code":"ar","character_count":0,"word_count":0,"warnings":[]}';
            DROP TABLE document_tombstones;
            DROP TABLE change_counter;
            DELETE FROM schema_migrations WHERE version >= 3;
            """);

        var migrated = await OpenSameDatabaseAsync(store);
        await migrated.InitializeAsync(default);

        var changes = await migrated.ReadChangesAsync(0, 10, default);
        Assert.Equal([(added[0].Document.Sequence, added[0].Document.Id), (added[2].Document.Sequence, added[2].Document.Id)],
            changes.Select(c => (c.Change, c.Id)));
        Assert.Equal(added[2].Document.Sequence, await migrated.GetLastChangeAsync(default));
        await migrated.AddManyAsync([Article("d")], default);
        Assert.Equal(added[2].Document.Sequence + 1, Assert.Single(await migrated.ReadChangesAsync(added[2].Document.Sequence, 10, default)).Change);
    }
}
