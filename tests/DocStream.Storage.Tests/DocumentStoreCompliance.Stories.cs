using System.Text;
using DocStream.Core.Documents;
using DocStream.Core.Parsing;
using DocStream.Core.Querying;
using DocStream.Core.Storage;
using DocStream.Stories;
using DocStream.Testing;

namespace DocStream.Storage.Tests;

/// <summary>Grouping as every store keeps it: stories, near copies, their aggregates, filters and regrouping.</summary>
public abstract partial class DocumentStoreCompliance
{
    // Two outlets' reports of one emergency landing, a wire copy of the first, and a central bank's decision.
    private const string Landing = "s200_hurghada_flight_a.txt";
    private const string LandingReworded = "s202_hurghada_flight_c.txt";
    private const string LandingCopy = "s204_hurghada_flight_a_wire.txt";
    private const string RatesHeld = "s120_cbe_rates_hold.txt";

    private static readonly StoryAssigner Assigner = new(new StoryGroupingOptions());

    [Fact]
    public async Task AddAsync_Grouping_PutsOneEventsReportsInOneStory_CopiesWithTheirOriginal_AndOtherEventsApart()
    {
        var store = await CreateStoreAsync(Assigner);

        var added = await AddEachAsync(store, Landing, LandingReworded, LandingCopy, RatesHeld);

        Assert.Equal(added[Landing].Id, added[Landing].StoryId);
        Assert.Equal(added[Landing].StoryId, added[LandingReworded].StoryId);
        Assert.Equal(added[Landing].StoryId, added[LandingCopy].StoryId);
        Assert.Equal(added[RatesHeld].Id, added[RatesHeld].StoryId);
        Assert.Equal(added[Landing].Id, added[LandingCopy].NearDuplicateOf);
        Assert.Null(added[LandingReworded].NearDuplicateOf);
        var read = (await store.Reader.FindAsync(added[LandingCopy].Id, DocumentParts.Basic, default))!;
        Assert.Equal((added[Landing].StoryId, added[Landing].Id), (read.StoryId, read.NearDuplicateOf));
    }

    [Fact]
    public async Task Stories_FindAsync_AggregatesTheMembers()
    {
        var store = await CreateStoreAsync(Assigner);
        var added = await AddEachAsync(store, Landing, LandingReworded, LandingCopy, RatesHeld);
        var members = added.Where(pair => pair.Key != RatesHeld).Select(pair => Parse(pair.Key)).ToList();

        var story = (await store.Stories.FindAsync(added[Landing].Id, default))!;

        Assert.Equal(3, story.DocumentCount);
        Assert.Equal(1, story.NearDuplicateCount);
        Assert.Equal(members[0].Title, story.Title);
        Assert.Equal(members.Min(article => article.PublishedTime), story.FirstPublishedTime);
        Assert.Equal(members.Max(article => article.PublishedTime), story.LastPublishedTime);
        Assert.Equal(members.SelectMany(article => article.Sources).Distinct().Order(StringComparer.Ordinal), story.Sources);
        Assert.Null(await store.Stories.FindAsync(new string('0', DocumentName.IdLength), default));
    }

    [Fact]
    public async Task Stories_ListAsync_MostRecentActivityFirst_InPages()
    {
        var store = await CreateStoreAsync(Assigner);
        var added = await AddEachAsync(store, Landing, RatesHeld, LandingReworded);

        var all = await store.Stories.ListAsync(null, 10, default);
        var second = await store.Stories.ListAsync(all[0].ActivityChange, 10, default);

        Assert.Equal([added[Landing].StoryId, added[RatesHeld].StoryId], all.Select(story => story.Id));
        Assert.Equal([added[RatesHeld].StoryId], second.Select(story => story.Id));
    }

    [Fact]
    public async Task ReadAsync_StoryAndNearDuplicateFilters_SelectTheMembers()
    {
        var store = await CreateStoreAsync(Assigner);
        var added = await AddEachAsync(store, Landing, LandingReworded, LandingCopy, RatesHeld);
        var story = $"story = \"stories/{added[Landing].Id}\"";

        Assert.Equal([added[Landing].Id, added[LandingReworded].Id, added[LandingCopy].Id], await IdsAsync(store, story));
        Assert.Equal([added[Landing].Id, added[LandingReworded].Id], await IdsAsync(store, story + " AND near_duplicate = false"));
        Assert.Equal([added[LandingCopy].Id], await IdsAsync(store, "near_duplicate = true"));
        var changes = await store.Changes.ReadAsync(
            new ChangeQuery { AfterChange = 0, Limit = 10, Parts = DocumentParts.Basic, Filter = FilterParser.Parse(story + " AND near_duplicate = false") }, default);
        Assert.Equal([added[Landing].Id, added[LandingReworded].Id], changes.Changes.Select(change => change.Id));
    }

    [Fact]
    public async Task DeleteAsync_TheOriginal_PromotesItsCopy_AndUpdatesTheStory()
    {
        var store = await CreateStoreAsync(Assigner);
        var added = await AddEachAsync(store, Landing, LandingCopy, LandingReworded);
        var before = await store.Changes.GetLastChangeAsync(default);

        await store.Writer.DeleteAsync(added[Landing].Id, null, default);

        var copy = (await store.Reader.FindAsync(added[LandingCopy].Id, DocumentParts.Basic, default))!;
        Assert.Null(copy.NearDuplicateOf);
        Assert.NotEqual(added[LandingCopy].Etag, copy.Etag);
        var changes = await store.Changes.ReadAsync(new ChangeQuery { AfterChange = before, Limit = 10, Parts = DocumentParts.Basic }, default);
        Assert.Equal([added[Landing].Id, added[LandingCopy].Id], changes.Changes.Select(change => change.Id));
        var story = (await store.Stories.FindAsync(added[Landing].Id, default))!;
        Assert.Equal((2L, 0L, Parse(LandingCopy).Title), (story.DocumentCount, story.NearDuplicateCount, story.Title));
        Assert.Equal(story.Id, (await store.Stories.ListAsync(null, 1, default))[0].Id);
    }

    [Fact]
    public async Task DeleteAsync_EveryMember_RemovesTheStory()
    {
        var store = await CreateStoreAsync(Assigner);
        var added = await AddEachAsync(store, Landing, RatesHeld);

        await store.Writer.DeleteAsync(added[Landing].Id, null, default);

        Assert.Null(await store.Stories.FindAsync(added[Landing].Id, default));
        Assert.Equal([added[RatesHeld].Id], (await store.Stories.ListAsync(null, 10, default)).Select(story => story.Id));
    }

    [Fact]
    public async Task GroupAsync_AfterForgetting_GivesTheSameStories_AndChangesNothing()
    {
        var store = await CreateStoreAsync(Assigner);
        var added = await AddEachAsync(store, Landing, LandingReworded, LandingCopy, RatesHeld);
        var before = await store.Changes.GetLastChangeAsync(default);

        await store.Writer.ForgetStoriesAsync(default);
        var first = await store.Writer.GroupAsync(new GroupingQuery(0, 3, UngroupedOnly: false), default);
        var rest = await store.Writer.GroupAsync(new GroupingQuery(first.LastSequence, 3, UngroupedOnly: false), default);

        Assert.Equal((3, 0, true), (first.Grouped, first.Changed, first.MoreMayFollow));
        Assert.Equal((1, 0, false), (rest.Grouped, rest.Changed, rest.MoreMayFollow));
        Assert.Equal(before, await store.Changes.GetLastChangeAsync(default));
        foreach (var (file, document) in added)
        {
            var read = (await store.Reader.FindAsync(document.Id, DocumentParts.Basic, default))!;
            Assert.Equal((document.StoryId, document.NearDuplicateOf, document.Etag), (read.StoryId, read.NearDuplicateOf, read.Etag));
        }

        Assert.Equal(3, (await store.Stories.FindAsync(added[Landing].Id, default))!.DocumentCount);
    }

    [Fact]
    public async Task GroupAsync_StricterParameters_SplitTheStory_AsNewChangesWithNewEtags()
    {
        var store = await CreateStoreAsync(Assigner);
        var added = await AddEachAsync(store, Landing, LandingReworded, LandingCopy);
        var before = await store.Changes.GetLastChangeAsync(default);
        var strict = await OpenSameDatabaseAsync(store, new StoryAssigner(new StoryGroupingOptions { StorySimilarity = 0.95, UndatedStorySimilarity = 0.95 }));

        await strict.Writer.ForgetStoriesAsync(default);
        var page = await strict.Writer.GroupAsync(new GroupingQuery(0, 10, UngroupedOnly: false), default);

        Assert.Equal((3, 1), (page.Grouped, page.Changed));
        var reworded = (await strict.Reader.FindAsync(added[LandingReworded].Id, DocumentParts.Basic, default))!;
        Assert.Equal(reworded.Id, reworded.StoryId);
        Assert.NotEqual(added[LandingReworded].Etag, reworded.Etag);
        var changes = await strict.Changes.ReadAsync(new ChangeQuery { AfterChange = before, Limit = 10, Parts = DocumentParts.Basic }, default);
        Assert.Equal([reworded.Id], changes.Changes.Select(change => change.Id));
        Assert.Equal(2, (await strict.Stories.FindAsync(added[Landing].Id, default))!.DocumentCount);
        Assert.Equal(1, (await strict.Stories.FindAsync(reworded.Id, default))!.DocumentCount);
    }

    [Fact]
    public async Task GroupAsync_DocumentsStoredWithoutGrouping_JoinStories_AsNewChanges()
    {
        var plain = await CreateStoreAsync();
        var added = await AddEachAsync(plain, Landing, LandingReworded, RatesHeld);
        Assert.All(added.Values, document => Assert.Null(document.StoryId));
        var grouping = await OpenSameDatabaseAsync(plain, Assigner);

        var page = await grouping.Writer.GroupAsync(new GroupingQuery(0, 10, UngroupedOnly: true), default);

        Assert.Equal((3, 3), (page.Grouped, page.Changed));
        var landing = (await grouping.Reader.FindAsync(added[Landing].Id, DocumentParts.Basic, default))!;
        var reworded = (await grouping.Reader.FindAsync(added[LandingReworded].Id, DocumentParts.Basic, default))!;
        Assert.Equal(landing.Id, landing.StoryId);
        Assert.Equal(landing.StoryId, reworded.StoryId);
        Assert.NotEqual(added[Landing].Etag, landing.Etag);
        var again = await grouping.Writer.GroupAsync(new GroupingQuery(0, 10, UngroupedOnly: true), default);
        Assert.Equal(0, again.Grouped);
    }

    [Fact]
    public async Task AddAsync_OneEventThroughTwoInstancesAtOnce_EndsInOneStory()
    {
        var first = await CreateStoreAsync(Assigner);
        var second = await OpenSameDatabaseAsync(first, Assigner);
        await second.InitializeAsync(default);

        for (var round = 0; round < 3; round++)
        {
            var landing = LoadArticle(Landing, $"round {round} a");
            var reworded = LoadArticle(LandingReworded, $"round {round} b");
            var results = await Task.WhenAll(
                Task.Run(() => first.Writer.AddAsync([landing], default)),
                Task.Run(() => second.Writer.AddAsync([reworded], default)));

            Assert.Equal(results[0][0].Document.StoryId, results[1][0].Document.StoryId);
        }
    }

    [Fact]
    public async Task GroupAsync_DocumentAddedWhileRegrouping_LeavesExactAggregates_AndNoEmptyStory()
    {
        var store = await CreateStoreAsync(Assigner);
        await AddEachAsync(store, Landing, RatesHeld);
        await store.Writer.ForgetStoriesAsync(default);
        await AddEachAsync(store, LandingReworded, LandingCopy);

        await store.Writer.GroupAsync(new GroupingQuery(0, 10, UngroupedOnly: false), default);

        var stories = await store.Stories.ListAsync(null, 10, default);
        Assert.Equal(2, stories.Count);
        foreach (var story in stories)
        {
            Assert.Equal((await IdsAsync(store, $"story = \"stories/{story.Id}\"")).Length, story.DocumentCount);
        }

        Assert.Equal([1L, 3L], stories.Select(story => story.DocumentCount).Order());
    }

    [Fact]
    public async Task GroupAsync_UngroupedOnly_FinishesAnInterruptedRegrouping()
    {
        var store = await CreateStoreAsync(Assigner);
        var added = await AddEachAsync(store, Landing, LandingReworded, RatesHeld);
        await store.Writer.ForgetStoriesAsync(default);
        await store.Writer.GroupAsync(new GroupingQuery(0, 1, UngroupedOnly: false), default);
        Assert.Equal(2, await store.Stories.CountUngroupedAsync(default));

        var rest = await store.Writer.GroupAsync(new GroupingQuery(0, 10, UngroupedOnly: true), default);

        Assert.Equal(2, rest.Grouped);
        Assert.Equal(0, await store.Stories.CountUngroupedAsync(default));
        Assert.Equal(2, (await store.Stories.FindAsync(added[Landing].Id, default))!.DocumentCount);
        Assert.Equal(1, (await store.Stories.FindAsync(added[RatesHeld].Id, default))!.DocumentCount);
    }

    [Fact]
    public async Task GroupAsync_UndatedDocumentOlderThanTheRecentWindow_IsComparedAsWhenItWasAdded()
    {
        var assigner = new StoryAssigner(new StoryGroupingOptions { RecentDocuments = 2 });
        var store = await CreateStoreAsync(assigner);
        var added = await AddEachAsync(store, "s200_hurghada_flight_a.txt", "s201_hurghada_flight_b.txt", RatesHeld, "s124_malatya_quake.txt", "s125_batna_quake.txt");
        Assert.Equal(added["s200_hurghada_flight_a.txt"].StoryId, added["s201_hurghada_flight_b.txt"].StoryId);

        await store.Writer.ForgetStoriesAsync(default);
        var page = await store.Writer.GroupAsync(new GroupingQuery(0, 10, UngroupedOnly: false), default);

        Assert.Equal(0, page.Changed);
    }

    [Fact]
    public async Task ReplaceParsedAsync_NewPublicationTime_MovesTheStoryAndItsCandidateWindow()
    {
        var store = await CreateStoreAsync(Assigner);
        var landing = (await AddEachAsync(store, Landing))[Landing];
        var later = Parse(Landing) with { PublishedTime = Parse(Landing).PublishedTime!.Value.AddDays(10) };

        await store.Writer.ReplaceParsedAsync([new ParsedReplacement(landing.Id, later)], ArticleParser.Version, default);
        var reworded = (await AddEachAsync(store, LandingReworded))[LandingReworded];

        Assert.Equal(later.PublishedTime, (await store.Stories.FindAsync(landing.Id, default))!.FirstPublishedTime);
        Assert.NotEqual(landing.StoryId, reworded.StoryId);
    }

    [Fact]
    public async Task AddAsync_TheLabelledSetInOneBatch_GroupsAsOneDocumentPerCallDoes()
    {
        // Each document must see the term counts of every document before it, also those of its own batch.
        var files = Directory.EnumerateFiles(Path.Combine(RepositoryLayout.Root, "tests", "corpora", "stories"), "*.txt")
            .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();
        var oneByOne = await CreateStoreAsync(Assigner);
        var batched = await CreateStoreAsync(Assigner);

        var each = await AddEachAsync(oneByOne, files);
        var together = await batched.Writer.AddAsync([.. files.Select(file => LoadArticle(file))], default);

        Assert.True(files.Length >= 40, $"{files.Length} labelled articles");
        Assert.True(each.Values.Select(document => document.StoryId).Distinct().Count() < files.Length, "some articles share a story");
        Assert.Equal(
            files.Select(file => (file, each[file].StoryId, each[file].NearDuplicateOf)),
            files.Select((file, i) => (file, together[i].Document.StoryId, together[i].Document.NearDuplicateOf)));
    }

    private static async Task<Dictionary<string, StoredDocument>> AddEachAsync(IDocumentStore store, params string[] files)
    {
        var added = new Dictionary<string, StoredDocument>();
        foreach (var file in files)
        {
            added[file] = (await store.Writer.AddAsync([LoadArticle(file)], default))[0].Document;
        }

        return added;
    }

    private static ParsedArticle Parse(string file) => LoadArticle(file).Parsed;

    /// <summary>A labelled article; a <paramref name="variant"/> line at its end makes different bytes of the same text.</summary>
    private static NewDocument LoadArticle(string file, string? variant = null)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryLayout.Root, "tests", "corpora", "stories", file));
        var raw = Encoding.UTF8.GetBytes(variant is null ? text : text + "\n" + variant + "\n");
        return NewDocument.Create(raw, file, ArticleParser.Parse(Encoding.UTF8.GetString(raw)));
    }
}
