using System.Text;
using DocStream.Core.Documents;
using DocStream.Core.Parsing;
using DocStream.Core.Querying;
using DocStream.Core.Storage;

namespace DocStream.Storage.Tests;

/// <summary>
/// What every backend must do, identically. Each backend's test class inherits this once and supplies fresh,
/// empty stores.
/// </summary>
public abstract partial class DocumentStoreCompliance
{
    private static readonly DateTimeOffset October13 = new(2023, 10, 13, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A new, empty, initialised store.</summary>
    protected abstract Task<IDocumentStore> CreateStoreAsync();

    /// <summary>A second store object on the same database as <paramref name="store"/>, as another instance would open it.</summary>
    protected abstract Task<IDocumentStore> OpenSameDatabaseAsync(IDocumentStore store);

    /// <summary>Runs raw SQL against the database behind <paramref name="store"/>.</summary>
    protected abstract Task ExecuteSqlAsync(IDocumentStore store, string sql);

    [Fact]
    public async Task InitializeAsync_Twice_IsIdempotent()
    {
        var store = await CreateStoreAsync();
        await store.AddManyAsync([Article("a")], default);

        await store.InitializeAsync(default);

        Assert.Equal(1, await store.CountAsync(default));
    }

    [Fact]
    public async Task InitializeAsync_SchemaNewerThanThisBuild_Refuses()
    {
        var store = await CreateStoreAsync();
        await ExecuteSqlAsync(store, "INSERT INTO schema_migrations (version, applied_micros) VALUES (999, 0)");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await (await OpenSameDatabaseAsync(store)).InitializeAsync(default));

        Assert.Contains("newer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddManyAsync_NewDocuments_AreCreatedInIncreasingSequence()
    {
        var store = await CreateStoreAsync();

        var results = await store.AddManyAsync([Article("a"), Article("b"), Article("c")], default);

        Assert.All(results, r => Assert.True(r.Created));
        Assert.True(results[0].Document.Sequence < results[1].Document.Sequence && results[1].Document.Sequence < results[2].Document.Sequence);
        Assert.Equal(3, await store.CountAsync(default));
    }

    [Fact]
    public async Task AddManyAsync_SameContentAgain_ReturnsTheExistingDocument()
    {
        var store = await CreateStoreAsync();
        var first = (await store.AddManyAsync([Article("a")], default))[0];

        var results = await store.AddManyAsync([Article("a"), Article("a")], default);

        Assert.All(results, r => Assert.False(r.Created));
        Assert.All(results, r => Assert.Equal((first.Document.Sequence, first.Document.Etag), (r.Document.Sequence, r.Document.Etag)));
        Assert.Equal(1, await store.CountAsync(default));
    }

    [Fact]
    public async Task FindAsync_WithContent_ReturnsRawBytesAndParsedFieldsExactly()
    {
        var store = await CreateStoreAsync();
        var article = Article("a", published: October13, sources: ["وكالة سوا", "المصدر الثاني"]);
        await store.AddManyAsync([article], default);

        var found = await store.FindAsync(article.Id, includeContent: true, default);

        Assert.NotNull(found);
        Assert.Equal(article.RawContent, found.RawContent);
        Assert.Equal(article.ContentSha256, found.ContentSha256);
        Assert.Equal(article.Parsed.Title, found.Parsed.Title);
        Assert.Equal(article.Parsed.Body, found.Parsed.Body);
        Assert.Equal(article.Parsed.Sources, found.Parsed.Sources);
        Assert.Equal(October13, found.Parsed.PublishedTime);
        Assert.Equal(ArticleParser.Version, found.ParserVersion);
    }

    [Fact]
    public async Task FindAsync_WithoutContent_SkipsRawBytesAndBody()
    {
        var store = await CreateStoreAsync();
        var article = Article("a");
        await store.AddManyAsync([article], default);

        var found = await store.FindAsync(article.Id, includeContent: false, default);

        Assert.Null(found!.RawContent);
        Assert.Empty(found.Parsed.Body);
        Assert.Equal(article.RawContent.Length, found.SizeBytes);
    }

    [Fact]
    public async Task FindAsync_Unknown_ReturnsNull() =>
        Assert.Null(await (await CreateStoreAsync()).FindAsync(new string('0', 32), includeContent: true, default));

    [Fact]
    public async Task ReadAfterAsync_InPages_CoversEveryDocumentOnceInOrder()
    {
        var store = await CreateStoreAsync();
        var added = await store.AddManyAsync(Enumerable.Range(0, 7).Select(i => Article($"doc{i}")).ToArray(), default);

        var seen = new List<string>();
        long after = 0;
        while (await store.ReadAfterAsync(DocumentFilter.All, after, 3, long.MaxValue, includeContent: false, default) is { Count: > 0 } page)
        {
            seen.AddRange(page.Select(d => d.Id));
            after = page[^1].Sequence;
        }

        Assert.Equal(added.Select(a => a.Document.Id), seen);
    }

    [Fact]
    public async Task ReadAfterAsync_ByteBudget_StopsEarlyButReturnsAtLeastOne()
    {
        var store = await CreateStoreAsync();
        await store.AddManyAsync([Article("a"), Article("b"), Article("c")], default);

        var page = await store.ReadAfterAsync(DocumentFilter.All, 0, 10, maxBytes: 1, includeContent: true, default);

        Assert.Single(page);
    }

    [Fact]
    public async Task ReadAfterAsync_Filters_SelectBySourceLanguageAndTime()
    {
        var store = await CreateStoreAsync();
        var early = Article("early", published: October13, sources: ["A"]);
        var late = Article("late", published: October13.AddDays(30), sources: ["A", "B"]);
        var undated = Article("undated", sources: ["B"]);
        await store.AddManyAsync([early, late, undated], default);

        async Task<string[]> Ids(string filter) =>
            (await store.ReadAfterAsync(FilterParser.Parse(filter), 0, 100, long.MaxValue, includeContent: false, default)).Select(d => d.Id).ToArray();

        Assert.Equal([early.Id, late.Id], await Ids("source = A"));
        Assert.Equal([late.Id], await Ids("source = A AND source = B"));
        Assert.Equal([late.Id], await Ids("published_time > 2023-10-13"));
        Assert.Equal([early.Id], await Ids("published_time >= 2023-10-13 AND published_time < 2023-10-14"));
        Assert.Equal([early.Id, late.Id, undated.Id], await Ids("language = ar"));
        Assert.Empty(await Ids("language = en"));
        Assert.Empty(await Ids("published_time >= 2024-01-01 AND published_time < 2023-01-01"));
    }

    [Fact]
    public async Task DeleteAsync_Outcomes_DependOnExistenceAndEtag()
    {
        var store = await CreateStoreAsync();
        var stored = (await store.AddManyAsync([Article("a", sources: ["A"])], default))[0].Document;

        Assert.Equal(DeleteOutcome.EtagMismatch, await store.DeleteAsync(stored.Id, "stale", default));
        Assert.NotNull(await store.FindAsync(stored.Id, includeContent: false, default));
        Assert.Equal(DeleteOutcome.Deleted, await store.DeleteAsync(stored.Id, stored.Etag, default));
        Assert.Equal(DeleteOutcome.NotFound, await store.DeleteAsync(stored.Id, null, default));
        Assert.Empty(await store.ReadAfterAsync(FilterParser.Parse("source = A"), 0, 10, long.MaxValue, includeContent: false, default));
    }

    [Fact]
    public async Task DeleteAsync_ThenAddSameContent_CreatesItAgainWithANewEtag()
    {
        var store = await CreateStoreAsync();
        var first = (await store.AddManyAsync([Article("a")], default))[0].Document;
        await store.DeleteAsync(first.Id, null, default);

        var again = (await store.AddManyAsync([Article("a")], default))[0];

        Assert.True(again.Created);
        Assert.NotEqual(first.Etag, again.Document.Etag);
        Assert.True(again.Document.Sequence > first.Sequence);
    }

    [Fact]
    public async Task ReadParsedBeforeAsync_MixedVersions_ReturnsOnlyOlderOnesWithContent()
    {
        var store = await CreateStoreAsync();
        var results = await store.AddManyAsync([Article("old"), Article("current")], default);
        await ExecuteSqlAsync(store, $"UPDATE documents SET parser_version = 0 WHERE id = '{results[0].Document.Id}'");

        var stale = await store.ReadParsedBeforeAsync(ArticleParser.Version, 0, 10, default);

        var document = Assert.Single(stale);
        Assert.Equal(results[0].Document.Id, document.Id);
        Assert.Equal(0, document.ParserVersion);
        Assert.NotNull(document.RawContent);
    }

    [Fact]
    public async Task ReadParsedBeforeAsync_EmptyStoreOrEveryDocumentCurrent_ReturnsNothing()
    {
        var store = await CreateStoreAsync();
        var whenEmpty = await store.ReadParsedBeforeAsync(ArticleParser.Version, 0, 10, default);
        await store.AddManyAsync([Article("a"), Article("b")], default);

        var whenCurrent = await store.ReadParsedBeforeAsync(ArticleParser.Version, 0, 10, default);

        Assert.Empty(whenEmpty);
        Assert.Empty(whenCurrent);
    }

    [Fact]
    public async Task ReadParsedBeforeAsync_OnlyStaleOnesBeforeTheCursor_ReturnsNothing()
    {
        var store = await CreateStoreAsync();
        var results = await store.AddManyAsync([Article("old"), Article("current")], default);
        await ExecuteSqlAsync(store, $"UPDATE documents SET parser_version = 0 WHERE id = '{results[0].Document.Id}'");

        var stale = await store.ReadParsedBeforeAsync(ArticleParser.Version, results[0].Document.Sequence, 10, default);

        Assert.Empty(stale);
    }

    [Fact]
    public async Task UpdateParsedAsync_NewFields_ReplacesThemAndTheEtagButNotTheRawBytes()
    {
        var store = await CreateStoreAsync();
        var article = Article("a", sources: ["Old"]);
        var before = (await store.AddManyAsync([article], default))[0].Document;
        var reparsed = article.Parsed with { Title = "عنوان جديد", Sources = ["New"], PublishedTime = October13 };

        Assert.True(await store.UpdateParsedAsync(article.Id, reparsed, ArticleParser.Version + 1, default));

        var after = (await store.FindAsync(article.Id, includeContent: true, default))!;
        Assert.Equal("عنوان جديد", after.Parsed.Title);
        Assert.Equal(ArticleParser.Version + 1, after.ParserVersion);
        Assert.NotEqual(before.Etag, after.Etag);
        Assert.Equal(article.RawContent, after.RawContent);
        Assert.Equal(before.Sequence, after.Sequence);
        Assert.Equal([article.Id], (await store.ReadAfterAsync(FilterParser.Parse("source = New AND published_time = 2023-10-13"), 0, 10, long.MaxValue, false, default)).Select(d => d.Id));
        Assert.Empty(await store.ReadAfterAsync(FilterParser.Parse("source = Old"), 0, 10, long.MaxValue, false, default));
    }

    [Fact]
    public async Task UpdateParsedAsync_Missing_ReturnsFalse() =>
        Assert.False(await (await CreateStoreAsync()).UpdateParsedAsync(new string('0', 32), Article("x").Parsed, ArticleParser.Version, default));

    [Fact]
    public async Task GetOrCreateSecretAsync_TwoInstances_ShareOneSecret()
    {
        var store = await CreateStoreAsync();
        var other = await OpenSameDatabaseAsync(store);

        var secret = await store.GetOrCreateSecretAsync("key", default);

        Assert.Equal(32, secret.Length);
        Assert.Equal(secret, await other.GetOrCreateSecretAsync("key", default));
        Assert.NotEqual(secret, await store.GetOrCreateSecretAsync("other-key", default));
    }

    [Fact]
    public async Task AddManyAsync_ThroughOneInstance_IsVisibleThroughAnother()
    {
        var store = await CreateStoreAsync();
        var other = await OpenSameDatabaseAsync(store);

        var stored = (await store.AddManyAsync([Article("shared")], default))[0].Document;

        Assert.Equal(stored.Etag, (await other.FindAsync(stored.Id, includeContent: true, default))!.Etag);
    }

    [Fact]
    public async Task FindAsync_Repeated_SeesEveryChangeCommittedInBetween()
    {
        var store = await CreateStoreAsync();
        var other = await OpenSameDatabaseAsync(store);
        var kept = (await store.AddManyAsync([Article("kept")], default))[0].Document;
        var deleted = (await store.AddManyAsync([Article("deleted")], default))[0].Document;
        Assert.NotNull(await store.FindEncodedAsync(deleted.Id, default));
        Assert.NotNull(await store.FindAsync(kept.Id, includeContent: false, default));

        await other.DeleteAsync(deleted.Id, expectedEtag: null, default);
        await other.UpdateParsedAsync(kept.Id, Article("kept").Parsed with { Title = "عنوان جديد" }, ArticleParser.Version, default);
        var added = (await other.AddManyAsync([Article("added")], default))[0].Document;

        Assert.Null(await store.FindEncodedAsync(deleted.Id, default));
        Assert.Equal("عنوان جديد", (await store.FindAsync(kept.Id, includeContent: false, default))!.Parsed.Title);
        Assert.Equal(added.Etag, (await store.FindEncodedAsync(added.Id, default))!.Etag);
    }

    [Fact]
    public async Task FindAsync_ManyConcurrentCalls_EachReadsItsOwnDocument()
    {
        var store = await CreateStoreAsync();
        var added = await store.AddManyAsync(Enumerable.Range(0, 40).Select(i => Article($"doc{i}")).ToArray(), default);

        for (var round = 0; round < 2; round++)
        {
            var found = await Task.WhenAll(added.Select(result => Task.Run(() => store.FindEncodedAsync(result.Document.Id, default))));

            Assert.Equal(added.Select(result => result.Document.Id), found.Select(document => document!.Id));
            Assert.Equal(added.Select(result => result.Document.RawContent), found.Select(document => document!.RawContent));
        }
    }

    /// <summary>A parsed article whose content, and so id, is unique to <paramref name="key"/>.</summary>
    protected static NewDocument Article(string key, DateTimeOffset? published = null, IReadOnlyList<string>? sources = null)
    {
        var raw = Encoding.UTF8.GetBytes($"عنوان {key}\r\n\r\nفقرة {key}\n");
        var parsed = ArticleParser.Parse(Encoding.UTF8.GetString(raw)) with
        {
            PublishedTime = published,
            Sources = sources ?? [],
            LanguageCode = "ar",
        };
        return NewDocument.Create(raw, key + ".txt", parsed);
    }
}
