using DocStream.Testing.Storage;
using System.Text;
using DocStream.Core.Documents;
using DocStream.Core.Parsing;
using DocStream.Core.Querying;
using DocStream.Core.Storage;
using DocStream.Core.Stories;

namespace DocStream.Storage.Tests;

/// <summary>
/// What every store must do, identically: the relational backends and any fake that stands in for one. Each store's
/// test class inherits this once and supplies fresh, empty stores.
/// </summary>
public abstract partial class DocumentStoreCompliance
{
    private static readonly DateTimeOffset October13 = new(2023, 10, 13, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A new, empty, initialised store, grouping with <paramref name="assigner"/> (none when null).</summary>
    protected abstract Task<IDocumentStore> CreateStoreAsync(IStoryAssigner? assigner = null);

    /// <summary>A second store object on the same database as <paramref name="store"/>, as another instance would open it.</summary>
    protected abstract Task<IDocumentStore> OpenSameDatabaseAsync(IDocumentStore store, IStoryAssigner? assigner = null);

    /// <summary>Records the parsed fields of <paramref name="id"/> as coming from parser <paramref name="parserVersion"/>, as an older build would have stored them.</summary>
    protected abstract Task SetParserVersionAsync(IDocumentStore store, string id, int parserVersion);

    [Fact]
    public async Task InitializeAsync_Twice_IsIdempotent()
    {
        var store = await CreateStoreAsync();
        await store.Writer.AddAsync([Article("a")], default);

        await store.InitializeAsync(default);

        Assert.Equal(1, await store.Reader.CountAsync(default));
    }

    [Fact]
    public async Task AddAsync_NewDocuments_AreCreatedInIncreasingSequence()
    {
        var store = await CreateStoreAsync();

        var results = await store.Writer.AddAsync([Article("a"), Article("b"), Article("c")], default);

        Assert.All(results, r => Assert.True(r.Created));
        Assert.True(results[0].Document.Sequence < results[1].Document.Sequence && results[1].Document.Sequence < results[2].Document.Sequence);
        Assert.Equal(3, await store.Reader.CountAsync(default));
    }

    [Fact]
    public async Task AddAsync_BatchOfStoredRepeatedAndNewDocuments_CreatesEachNewOneOnceWithConsecutiveChanges()
    {
        var store = await CreateStoreAsync();
        var stored = (await store.Writer.AddAsync([Article("stored")], default))[0].Document;
        var before = await store.Changes.GetLastChangeAsync(default);

        var results = await store.Writer.AddAsync(
            [Article("new1", published: October13, sources: ["A", "B", "A"]), Article("stored"), Article("new2"), Article("new1"), Article("new3", sources: ["B"])],
            default);

        Assert.Equal([true, false, true, false, true], results.Select(r => r.Created));
        Assert.Equal((stored.Sequence, stored.Etag), (results[1].Document.Sequence, results[1].Document.Etag));
        Assert.Equal((results[0].Document.Sequence, results[0].Document.Etag), (results[3].Document.Sequence, results[3].Document.Etag));
        var changes = await store.Changes.ReadChangesAsync(before, 10, DocumentParts.Basic, default);
        Assert.Equal([(before + 1, Article("new1").Id), (before + 2, Article("new2").Id), (before + 3, Article("new3").Id)], changes.Select(c => (c.Change, c.Id)));
        Assert.Equal(before + 3, await store.Changes.GetLastChangeAsync(default));
        Assert.Equal([Article("new1").Id, Article("new3").Id], await IdsAsync(store, "source = B"));
        Assert.Equal([Article("new1").Id], await IdsAsync(store, "source = A AND published_time >= \"2023-10-13\""));
        foreach (var result in results)
        {
            var found = (await store.Reader.FindAsync(result.Document.Id, DocumentParts.Basic, default))!;
            Assert.Equal((found.Sequence, found.Etag, found.CreateTime), (result.Document.Sequence, result.Document.Etag, result.Document.CreateTime));
        }

        Assert.Equal(DeleteOutcome.Deleted, await store.Writer.DeleteAsync(Article("new2").Id, null, default));
        Assert.Equal(before + 4, await store.Changes.GetLastChangeAsync(default));
    }

    [Fact]
    public async Task AddAsync_OnlyStoredDocuments_TakesNoChange()
    {
        var store = await CreateStoreAsync();
        await store.Writer.AddAsync([Article("a"), Article("b")], default);
        var before = await store.Changes.GetLastChangeAsync(default);

        var results = await store.Writer.AddAsync([Article("b"), Article("a")], default);

        Assert.All(results, r => Assert.False(r.Created));
        Assert.Equal(before, await store.Changes.GetLastChangeAsync(default));
    }

    [Fact]
    public async Task AddAsync_Created_ReturnsTheBasicDocumentAsAReadGivesIt()
    {
        var store = await CreateStoreAsync();
        var article = Article("a", published: October13, sources: ["وكالة"]);

        var added = (await store.Writer.AddAsync([article], default))[0].Document;

        var found = (await store.Reader.FindAsync(article.Id, DocumentParts.Basic, default))!;
        Assert.Equal(DocumentParts.Basic, added.Parts);
        Assert.Equal((found.Sequence, found.Id, found.ContentSha256, found.SourceUri, found.SizeBytes, found.ParserVersion, found.CreateTime, found.Etag),
            (added.Sequence, added.Id, added.ContentSha256, added.SourceUri, added.SizeBytes, added.ParserVersion, added.CreateTime, added.Etag));
        Assert.Equal(found.Metadata.ToArray(), added.Metadata.ToArray());
        Assert.Equal(found.SerializedSize, added.SerializedSize);
    }

    [Fact]
    public async Task AddAsync_SameContentAgain_ReturnsTheExistingDocument()
    {
        var store = await CreateStoreAsync();
        var first = (await store.Writer.AddAsync([Article("a")], default))[0];

        var results = await store.Writer.AddAsync([Article("a"), Article("a")], default);

        Assert.All(results, r => Assert.False(r.Created));
        Assert.All(results, r => Assert.Equal((first.Document.Sequence, first.Document.Etag), (r.Document.Sequence, r.Document.Etag)));
        Assert.Equal(1, await store.Reader.CountAsync(default));
    }

    [Fact]
    public async Task FindAsync_Full_ReturnsRawBytesAndParsedFieldsExactly()
    {
        var store = await CreateStoreAsync();
        var article = Article("a", published: October13, sources: ["وكالة سوا", "المصدر الثاني"]);
        await store.Writer.AddAsync([article], default);

        var found = await store.Reader.FindAsync(article.Id, DocumentParts.Full, default);

        Assert.NotNull(found);
        Assert.Equal(article.RawContent, found.RawContent);
        Assert.Equal(article.ContentSha256, found.ContentSha256);
        var parsed = found.ReadArticle();
        Assert.Equal(article.Parsed.Title, parsed.Title);
        Assert.Equal(article.Parsed.Body, parsed.Body);
        Assert.Equal(article.Parsed.Sources, parsed.Sources);
        Assert.Equal(October13, parsed.PublishedTime);
        Assert.Equal(ArticleParser.Version, found.ParserVersion);
    }

    [Theory]
    [InlineData(DocumentParts.Basic)]
    [InlineData(DocumentParts.RawContent)]
    [InlineData(DocumentParts.Body)]
    [InlineData(DocumentParts.Full)]
    public async Task Reads_EachParts_HoldExactlyThoseParts(DocumentParts parts)
    {
        var store = await CreateStoreAsync();
        var article = Article("a");
        await store.Writer.AddAsync([article], default);

        var found = (await store.Reader.FindAsync(article.Id, parts, default))!;
        var read = Assert.Single((await store.Reader.ReadAsync(new DocumentQuery { Parts = parts, Limit = 10 }, default)).Documents);
        var changed = (await store.Changes.ReadChangesAsync(0, 10, parts, default)).Single().Document!;

        foreach (var document in new[] { found, read, changed })
        {
            Assert.Equal(parts, document.Parts);
            Assert.Equal(parts.HasFlag(DocumentParts.RawContent) ? article.RawContent : null, document.RawContent);
            Assert.Equal(parts.HasFlag(DocumentParts.Body), !document.Body.IsEmpty);
            Assert.Equal(article.Parsed.Title, document.ReadArticle().Title);
            Assert.Equal(article.RawContent.Length, document.SizeBytes);
        }
    }

    [Fact]
    public async Task FindAsync_Unknown_ReturnsNull() =>
        Assert.Null(await (await CreateStoreAsync()).Reader.FindAsync(new string('0', 32), DocumentParts.Full, default));

    [Fact]
    public async Task ReadAsync_InPages_CoversEveryDocumentOnceInOrder()
    {
        var store = await CreateStoreAsync();
        var added = await store.Writer.AddAsync(Enumerable.Range(0, 7).Select(i => Article($"doc{i}")).ToArray(), default);

        var seen = new List<string>();
        var pages = new List<DocumentPage>();
        var query = new DocumentQuery { Limit = 3 };
        while (true)
        {
            var page = await store.Reader.ReadAsync(query, default);
            pages.Add(page);
            seen.AddRange(page.Documents.Select(d => d.Id));
            if (!page.MoreMayFollow)
            {
                break;
            }

            query = query with { AfterSequence = page.Documents[^1].Sequence };
        }

        Assert.Equal(added.Select(a => a.Document.Id), seen);
        Assert.Equal([3, 3, 1], pages.Select(page => page.Documents.Count));
    }

    [Fact]
    public async Task ReadAsync_PagesEndingAtTheirLimit_SayMoreMayFollow_UntilOneEndsShortOfIt()
    {
        var store = await CreateStoreAsync();
        await store.Writer.AddAsync([Article("a"), Article("b"), Article("c"), Article("d"), Article("e")], default);

        var first = await store.Reader.ReadAsync(new DocumentQuery { Limit = 2 }, default);
        var second = await store.Reader.ReadAsync(new DocumentQuery { Limit = 2, AfterSequence = first.Documents[^1].Sequence }, default);
        var last = await store.Reader.ReadAsync(new DocumentQuery { Limit = 2, AfterSequence = second.Documents[^1].Sequence }, default);
        var empty = await store.Reader.ReadAsync(new DocumentQuery { Limit = 2, AfterSequence = last.Documents[^1].Sequence }, default);

        Assert.Equal([(2, true), (2, true), (1, false), (0, false)],
            new[] { first, second, last, empty }.Select(page => (page.Documents.Count, page.MoreMayFollow)));
    }

    [Fact]
    public async Task ReadAsync_ByteBudget_EndsThePageWithTheDocumentThatReachesIt()
    {
        var store = await CreateStoreAsync();
        await store.Writer.AddAsync([Article("a"), Article("b"), Article("c")], default);
        var all = (await store.Reader.ReadAsync(new DocumentQuery { Parts = DocumentParts.Full, Limit = 10 }, default)).Documents;

        async Task<DocumentPage> ReadAsync(long maxBytes) =>
            await store.Reader.ReadAsync(new DocumentQuery { Parts = DocumentParts.Full, Limit = 10, MaxBytes = maxBytes }, default);

        var tiny = await ReadAsync(1);
        var two = await ReadAsync(all[0].SerializedSize + all[1].SerializedSize);
        var justOverTwo = await ReadAsync(all[0].SerializedSize + all[1].SerializedSize + 1);
        var everything = await ReadAsync(all.Sum(d => d.SerializedSize) + 1);

        Assert.Equal((1, true), (tiny.Documents.Count, tiny.MoreMayFollow));
        Assert.Equal((2, true), (two.Documents.Count, two.MoreMayFollow));
        Assert.Equal((3, true), (justOverTwo.Documents.Count, justOverTwo.MoreMayFollow));
        Assert.Equal((3, false), (everything.Documents.Count, everything.MoreMayFollow));
    }

    [Fact]
    public async Task ReadAsync_Filters_SelectBySourceLanguageAndTime()
    {
        var store = await CreateStoreAsync();
        var early = Article("early", published: October13, sources: ["A"]);
        var late = Article("late", published: October13.AddDays(30), sources: ["A", "B"]);
        var undated = Article("undated", sources: ["B"]);
        await store.Writer.AddAsync([early, late, undated], default);

        async Task<string[]> Ids(string filter) =>
            (await store.Reader.ReadAsync(new DocumentQuery { Filter = FilterParser.Parse(filter), Limit = 100 }, default)).Documents.Select(d => d.Id).ToArray();

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
        var stored = (await store.Writer.AddAsync([Article("a", sources: ["A"])], default))[0].Document;

        Assert.Equal(DeleteOutcome.EtagMismatch, await store.Writer.DeleteAsync(stored.Id, "stale", default));
        Assert.NotNull(await store.Reader.FindAsync(stored.Id, DocumentParts.Basic, default));
        Assert.Equal(DeleteOutcome.Deleted, await store.Writer.DeleteAsync(stored.Id, stored.Etag, default));
        Assert.Equal(DeleteOutcome.NotFound, await store.Writer.DeleteAsync(stored.Id, null, default));
        Assert.Empty((await store.Reader.ReadAsync(new DocumentQuery { Filter = FilterParser.Parse("source = A"), Limit = 10 }, default)).Documents);
    }

    [Fact]
    public async Task DeleteAsync_ThenAddSameContent_CreatesItAgainWithANewEtag()
    {
        var store = await CreateStoreAsync();
        var first = (await store.Writer.AddAsync([Article("a")], default))[0].Document;
        await store.Writer.DeleteAsync(first.Id, null, default);

        var again = (await store.Writer.AddAsync([Article("a")], default))[0];

        Assert.True(again.Created);
        Assert.NotEqual(first.Etag, again.Document.Etag);
        Assert.True(again.Document.Sequence > first.Sequence);
    }

    [Fact]
    public async Task ReadAsync_ParsedBeforeVersion_MixedVersions_ReturnsOnlyOlderOnes()
    {
        var store = await CreateStoreAsync();
        var results = await store.Writer.AddAsync([Article("old"), Article("current")], default);
        await SetParserVersionAsync(store, results[0].Document.Id, 0);

        var stale = await store.Reader.ReadAsync(
            new DocumentQuery { Parts = DocumentParts.RawContent, Limit = 10, ParsedBeforeVersion = ArticleParser.Version }, default);

        var document = Assert.Single(stale.Documents);
        Assert.Equal(results[0].Document.Id, document.Id);
        Assert.Equal(0, document.ParserVersion);
        Assert.NotNull(document.RawContent);
        Assert.False(stale.MoreMayFollow);
    }

    [Fact]
    public async Task ReadAsync_ParsedBeforeVersion_EmptyStoreOrEveryDocumentCurrent_ReturnsNothing()
    {
        var store = await CreateStoreAsync();
        var query = new DocumentQuery { Limit = 10, ParsedBeforeVersion = ArticleParser.Version };
        var whenEmpty = await store.Reader.ReadAsync(query, default);
        await store.Writer.AddAsync([Article("a"), Article("b")], default);

        var whenCurrent = await store.Reader.ReadAsync(query, default);

        Assert.Empty(whenEmpty.Documents);
        Assert.Empty(whenCurrent.Documents);
    }

    [Fact]
    public async Task ReadAsync_ParsedBeforeVersion_OnlyStaleOnesBeforeTheCursor_ReturnsNothing()
    {
        var store = await CreateStoreAsync();
        var results = await store.Writer.AddAsync([Article("old"), Article("current")], default);
        await SetParserVersionAsync(store, results[0].Document.Id, 0);

        var stale = await store.Reader.ReadAsync(
            new DocumentQuery { Limit = 10, ParsedBeforeVersion = ArticleParser.Version, AfterSequence = results[0].Document.Sequence }, default);

        Assert.Empty(stale.Documents);
    }

    [Fact]
    public async Task ReplaceParsedAsync_NewFields_ReplacesThemAndTheEtagButNotTheRawBytes()
    {
        var store = await CreateStoreAsync();
        var article = Article("a", sources: ["Old"]);
        var before = (await store.Writer.AddAsync([article], default))[0].Document;
        var reparsed = article.Parsed with { Title = "عنوان جديد", Sources = ["New"], PublishedTime = October13 };

        Assert.Equal(1, await store.Writer.ReplaceParsedAsync([new ParsedReplacement(article.Id, reparsed)], ArticleParser.Version + 1, default));

        var after = (await store.Reader.FindAsync(article.Id, DocumentParts.Full, default))!;
        Assert.Equal("عنوان جديد", after.ReadArticle().Title);
        Assert.Equal(ArticleParser.Version + 1, after.ParserVersion);
        Assert.NotEqual(before.Etag, after.Etag);
        Assert.Equal(article.RawContent, after.RawContent);
        Assert.Equal(before.Sequence, after.Sequence);
        Assert.Equal([article.Id], await IdsAsync(store, "source = New AND published_time = 2023-10-13"));
        Assert.Empty(await IdsAsync(store, "source = Old"));
    }

    [Fact]
    public async Task ReplaceParsedAsync_SomeMissing_ReplacesTheOthersAndCountsThem()
    {
        var store = await CreateStoreAsync();
        var kept = Article("kept");
        await store.Writer.AddAsync([kept], default);

        var replaced = await store.Writer.ReplaceParsedAsync(
            [new ParsedReplacement(new string('0', 32), kept.Parsed), new ParsedReplacement(kept.Id, kept.Parsed with { Title = "جديد" })],
            ArticleParser.Version, default);

        Assert.Equal(1, replaced);
        Assert.Equal("جديد", (await store.Reader.FindAsync(kept.Id, DocumentParts.Basic, default))!.ReadArticle().Title);
        Assert.Equal(0, await store.Writer.ReplaceParsedAsync([new ParsedReplacement(new string('0', 32), kept.Parsed)], ArticleParser.Version, default));
    }

    [Fact]
    public async Task GetOrCreateKeyAsync_TwoInstances_ShareOneKey()
    {
        var store = await CreateStoreAsync();
        var other = await OpenSameDatabaseAsync(store);

        var key = await store.Keys.GetOrCreateKeyAsync("key", default);

        Assert.Equal(32, key.Length);
        Assert.Equal(key, await other.Keys.GetOrCreateKeyAsync("key", default));
        Assert.NotEqual(key, await store.Keys.GetOrCreateKeyAsync("other-key", default));
    }

    [Fact]
    public async Task AddAsync_ThroughOneInstance_IsVisibleThroughAnother()
    {
        var store = await CreateStoreAsync();
        var other = await OpenSameDatabaseAsync(store);

        var stored = (await store.Writer.AddAsync([Article("shared")], default))[0].Document;

        Assert.Equal(stored.Etag, (await other.Reader.FindAsync(stored.Id, DocumentParts.Full, default))!.Etag);
    }

    [Fact]
    public async Task FindAsync_Repeated_SeesEveryChangeCommittedInBetween()
    {
        var store = await CreateStoreAsync();
        var other = await OpenSameDatabaseAsync(store);
        var kept = (await store.Writer.AddAsync([Article("kept")], default))[0].Document;
        var deleted = (await store.Writer.AddAsync([Article("deleted")], default))[0].Document;
        Assert.NotNull(await store.Reader.FindAsync(deleted.Id, DocumentParts.Full, default));
        Assert.NotNull(await store.Reader.FindAsync(kept.Id, DocumentParts.Basic, default));

        await other.Writer.DeleteAsync(deleted.Id, expectedEtag: null, default);
        await other.Writer.ReplaceParsedAsync([new ParsedReplacement(kept.Id, Article("kept").Parsed with { Title = "عنوان جديد" })], ArticleParser.Version, default);
        var added = (await other.Writer.AddAsync([Article("added")], default))[0].Document;

        Assert.Null(await store.Reader.FindAsync(deleted.Id, DocumentParts.Full, default));
        Assert.Equal("عنوان جديد", (await store.Reader.FindAsync(kept.Id, DocumentParts.Basic, default))!.ReadArticle().Title);
        Assert.Equal(added.Etag, (await store.Reader.FindAsync(added.Id, DocumentParts.Full, default))!.Etag);
    }

    [Fact]
    public async Task FindAsync_ManyConcurrentCalls_EachReadsItsOwnDocument()
    {
        var store = await CreateStoreAsync();
        var articles = Enumerable.Range(0, 40).Select(i => Article($"doc{i}")).ToArray();
        await store.Writer.AddAsync(articles, default);

        for (var round = 0; round < 2; round++)
        {
            var found = await Task.WhenAll(articles.Select(article => Task.Run(() => store.Reader.FindAsync(article.Id, DocumentParts.Full, default))));

            Assert.Equal(articles.Select(article => article.Id), found.Select(document => document!.Id));
            Assert.Equal(articles.Select(article => article.RawContent), found.Select(document => document!.RawContent));
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

    private static async Task<string[]> IdsAsync(IDocumentStore store, string filter) =>
        (await store.Reader.ReadAsync(new DocumentQuery { Filter = FilterParser.Parse(filter), Limit = 100 }, default)).Documents.Select(d => d.Id).ToArray();
}
