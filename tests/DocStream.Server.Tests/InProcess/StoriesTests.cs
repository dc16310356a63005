using DocStream.Contracts.V1;
using DocStream.Testing;
using Google.Rpc;
using Grpc.Core;
using EventCase = DocStream.Contracts.V1.WatchDocumentsResponse.EventOneofCase;

namespace DocStream.Server.Tests.InProcess;

/// <summary>Stories through the service: the fields documents carry, ListStories, GetStory, the filters, RegroupStories.</summary>
public sealed class StoriesTests : InProcessTests
{
    // Two reports of one emergency landing, a wire copy of the first, and a central bank's decision (tests/corpora/stories).
    private const string Landing = "s200_hurghada_flight_a.txt";
    private const string LandingReworded = "s202_hurghada_flight_c.txt";
    private const string LandingCopy = "s204_hurghada_flight_a_wire.txt";
    private const string RatesHeld = "s120_cbe_rates_hold.txt";

    [Fact]
    public async Task CreateDocument_OneEventsReports_ShareAStory_AndTheCopyNamesItsOriginal()
    {
        var landing = await CreateAsync(Landing);
        var reworded = await CreateAsync(LandingReworded);
        var copy = await CreateAsync(LandingCopy);
        var rates = await CreateAsync(RatesHeld);

        Assert.Equal("stories/" + landing.Name["documents/".Length..], landing.Story);
        Assert.Equal(landing.Story, reworded.Story);
        Assert.Equal(landing.Story, copy.Story);
        Assert.Equal(landing.Name, copy.NearDuplicateOf);
        Assert.Equal("", reworded.NearDuplicateOf);
        Assert.NotEqual(landing.Story, rates.Story);
        var read = await Client.GetDocumentAsync(new GetDocumentRequest { Name = copy.Name, View = DocumentView.Basic });
        Assert.Equal((copy.Story, copy.NearDuplicateOf), (read.Story, read.NearDuplicateOf));
    }

    [Fact]
    public async Task GetStory_AnswersTheAggregate_AndNotFoundOrInvalidNames()
    {
        var landing = await CreateAsync(Landing);
        await CreateAsync(LandingCopy);

        var story = await Client.GetStoryAsync(new GetStoryRequest { Name = landing.Story });
        var missing = await Assert.ThrowsAsync<RpcException>(() => Client.GetStoryAsync(new GetStoryRequest { Name = "stories/" + new string('0', 32) }).ResponseAsync);
        var invalid = await Assert.ThrowsAsync<RpcException>(() => Client.GetStoryAsync(new GetStoryRequest { Name = "documents/x" }).ResponseAsync);

        Assert.Equal((landing.Story, landing.Title, 2L, 1L), (story.Name, story.Title, story.DocumentCount, story.NearDuplicateCount));
        Assert.Equal(landing.PublishedTime, story.FirstPublishedTime);
        Assert.Contains(landing.Sources[0], story.Sources);
        Assert.Equal((StatusCode.NotFound, "STORY_NOT_FOUND"), (missing.StatusCode, missing.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason));
        Assert.Equal((StatusCode.InvalidArgument, "NAME_INVALID"), (invalid.StatusCode, invalid.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason));
    }

    [Fact]
    public async Task ListStories_MostRecentActivityFirst_PageByPage()
    {
        var landing = await CreateAsync(Landing);
        var rates = await CreateAsync(RatesHeld);
        await CreateAsync(LandingReworded);

        var first = await Client.ListStoriesAsync(new ListStoriesRequest { PageSize = 1 });
        var second = await Client.ListStoriesAsync(new ListStoriesRequest { PageSize = 1, PageToken = first.NextPageToken });
        var negative = await Assert.ThrowsAsync<RpcException>(() => Client.ListStoriesAsync(new ListStoriesRequest { PageSize = -1 }).ResponseAsync);
        var forged = await Assert.ThrowsAsync<RpcException>(() => Client.ListStoriesAsync(new ListStoriesRequest { PageToken = "forged" }).ResponseAsync);

        Assert.Equal([landing.Story], first.Stories.Select(story => story.Name));
        Assert.Equal([rates.Story], second.Stories.Select(story => story.Name));
        Assert.Equal("", second.NextPageToken);
        Assert.Equal("PAGE_SIZE_NEGATIVE", negative.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
        Assert.Equal((StatusCode.InvalidArgument, "TOKEN_INVALID"), (forged.StatusCode, forged.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason));
    }

    [Fact]
    public async Task ListDocuments_StoryAndNearDuplicateFilters_SelectTheMembers()
    {
        var landing = await CreateAsync(Landing);
        var reworded = await CreateAsync(LandingReworded);
        await CreateAsync(LandingCopy);
        await CreateAsync(RatesHeld);

        var originals = await Client.ListDocumentsAsync(new ListDocumentsRequest { Filter = $"story = \"{landing.Story}\" AND near_duplicate = false" });
        var bad = await Assert.ThrowsAsync<RpcException>(() => Client.ListDocumentsAsync(new ListDocumentsRequest { Filter = "story = \"landing\"" }).ResponseAsync);

        Assert.Equal([landing.Name, reworded.Name], originals.Documents.Select(document => document.Name));
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
        Assert.Contains("not a story name", bad.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchDocuments_StoryAndNearDuplicateFilters_SelectTheMembers()
    {
        var landing = await CreateAsync(Landing);
        var reworded = await CreateAsync(LandingReworded);
        var copy = await CreateAsync(LandingCopy);
        var probe = await CreateAsync("s225_hurghada_flight_probe.txt");

        var all = await SearchAsync("الغردقة", "");
        var originals = await SearchAsync("الغردقة", $"story = \"{landing.Story}\" AND near_duplicate = false");
        var copies = await SearchAsync("الغردقة", "near_duplicate = true");

        Assert.Equal(new[] { copy.Name, landing.Name, probe.Name, reworded.Name }.Order(StringComparer.Ordinal), all.Order(StringComparer.Ordinal));
        Assert.Equal(new[] { landing.Name, reworded.Name }.Order(StringComparer.Ordinal), originals.Order(StringComparer.Ordinal));
        Assert.Equal([copy.Name], copies);
    }

    [Fact]
    public async Task RegroupStories_StreamsProgressToDone_AndChangesNothingUnderTheSameParameters()
    {
        var landing = await CreateAsync(Landing);
        await CreateAsync(LandingCopy);
        await CreateAsync(RatesHeld);

        using var call = Client.RegroupStories(new RegroupStoriesRequest());
        var progress = new List<RegroupStoriesResponse>();
        await foreach (var message in call.ResponseStream.ReadAllAsync())
        {
            progress.Add(message);
        }

        Assert.True(progress[^1].Done);
        Assert.Equal((3L, 3L, 0L), (progress[^1].DocumentsRegrouped, progress[^1].DocumentsTotal, progress[^1].DocumentsChanged));
        Assert.Equal(2, (await Client.GetStoryAsync(new GetStoryRequest { Name = landing.Story })).DocumentCount);
    }

    [Fact]
    public async Task Watch_DeletingAnOriginal_ShowsItsCopyUpdatedWithoutAnOriginal()
    {
        var landing = await CreateAsync(Landing);
        var copy = await CreateAsync(LandingCopy);
        using var watch = WatchSession.Open(Client, new WatchDocumentsRequest { Start = WatchDocumentsRequest.Types.Start.Now, View = DocumentView.Basic });
        await watch.NextAsync();

        await Client.DeleteDocumentAsync(new DeleteDocumentRequest { Name = landing.Name });
        var changes = await watch.UntilAsync(message => message.EventCase == EventCase.Change && message.Change.Type == DocumentChange.Types.Type.Updated);

        var updated = changes[^1].Change;
        Assert.Equal(copy.Name, updated.Name);
        Assert.Equal(("", copy.Story), (updated.Document.NearDuplicateOf, updated.Document.Story));
        Assert.Contains(changes, message => message.Change?.Type == DocumentChange.Types.Type.Deleted && message.Change.Name == landing.Name);
    }

    private async Task<List<string>> SearchAsync(string query, string filter)
    {
        using var call = Client.SearchDocuments(new SearchDocumentsRequest { Query = query, Filter = filter, Limit = 100 });
        var names = new List<string>();
        await foreach (var hit in call.ResponseStream.ReadAllAsync())
        {
            names.Add(hit.Name);
        }

        return names;
    }

    private Task<Document> CreateAsync(string file) =>
        Client.CreateAsync(File.ReadAllBytes(Path.Combine(RepositoryLayout.Root, "tests", "corpora", "stories", file)));
}

/// <summary>With <c>Stories:Enabled=false</c> documents carry no story and a regrouping is refused.</summary>
public sealed class StoriesDisabledTests() : InProcessTests(new Dictionary<string, string> { ["Stories:Enabled"] = "false" })
{
    [Fact]
    public async Task Server_GroupingOff_StoresDocumentsWithoutStory_AndRefusesRegrouping()
    {
        var created = await Client.CreateAsync(InProcessArticles.Article("ungrouped"));

        using var call = Client.RegroupStories(new RegroupStoriesRequest());
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());

        Assert.Equal(("", ""), (created.Story, created.NearDuplicateOf));
        Assert.Equal((StatusCode.FailedPrecondition, "STORIES_DISABLED"), (error.StatusCode, error.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason));
        Assert.Empty((await Client.ListStoriesAsync(new ListStoriesRequest())).Stories);
    }
}
