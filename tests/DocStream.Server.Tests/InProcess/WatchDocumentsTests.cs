using DocStream.Client;
using DocStream.Contracts.V1;
using DocStream.Core.Parsing;
using DocStream.Core.Storage;
using DocStream.Testing;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using ChangeType = DocStream.Contracts.V1.DocumentChange.Types.Type;
using EventCase = DocStream.Contracts.V1.WatchDocumentsResponse.EventOneofCase;

namespace DocStream.Server.Tests.InProcess;

/// <summary>
/// WatchDocuments through the generated client, one guarantee per test (after etcd's robustness suite): ordered,
/// unique, no gap, atomic, resumable from any token, bookmarked by progress and snapshot_complete, and a document
/// deleted during the snapshot never delivered after its deletion.
/// </summary>
public sealed class WatchDocumentsTests : InProcessTests
{
    private static readonly Duration FastHeartbeat = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(200));

    [Fact]
    public async Task Watch_Default_SendsEveryDocumentThenSnapshotCompleteThenEachNewOne()
    {
        var existing = await CreateManyAsync("snap", 3);
        using var watch = WatchSession.Open(Client, new WatchDocumentsRequest { View = DocumentView.Basic });

        var snapshot = await watch.UntilAsync(m => m.EventCase == EventCase.SnapshotComplete);
        var created = await Client.CreateAsync(InProcessArticles.Article("live"));
        var live = await watch.NextAsync();

        Assert.Equal(existing, snapshot.SkipLast(1).Select(m => m.Change.Name));
        Assert.All(snapshot.SkipLast(1), m => Assert.Equal(ChangeType.Created, m.Change.Type));
        Assert.Equal(EventCase.Change, live.EventCase);
        Assert.Equal((ChangeType.Created, created.Name, created.Title), (live.Change.Type, live.Change.Name, live.Change.Document.Title));
        Assert.True(live.Change.Document.Body.Count == 0, "the BASIC view leaves out the body");
    }

    [Fact]
    public async Task Watch_StartNow_SendsSnapshotCompleteAtOnceAndOnlyLaterChanges()
    {
        await CreateManyAsync("old", 2);
        using var watch = WatchSession.Open(Client, new WatchDocumentsRequest { Start = WatchDocumentsRequest.Types.Start.Now });

        var first = await watch.NextAsync();
        var content = InProcessArticles.Article("new");
        var created = await Client.CreateAsync(content);
        var next = await watch.NextAsync();

        Assert.Equal(EventCase.SnapshotComplete, first.EventCase);
        Assert.Equal(created.Name, next.Change.Name);
        Assert.Equal(content, next.Change.Document.RawContent.ToByteArray());
    }

    [Theory]
    [InlineData(DocumentView.Parsed)]
    [InlineData(DocumentView.Raw)]
    public async Task Watch_PartialView_SendsTheTextInOneFormOnly(DocumentView view)
    {
        var existing = await CreateManyAsync("view", 1);
        using var watch = WatchSession.Open(Client, new WatchDocumentsRequest { View = view });

        var snapshot = await watch.UntilAsync(m => m.EventCase == EventCase.SnapshotComplete);
        var content = InProcessArticles.Article("view-live");
        await Client.CreateAsync(content);
        var live = await watch.NextAsync();

        foreach (var document in snapshot.SkipLast(1).Select(m => m.Change.Document).Append(live.Change.Document))
        {
            Assert.Equal(view == DocumentView.Parsed, document.Body.Count > 0);
            Assert.Equal(view == DocumentView.Raw, document.RawContent.Length > 0);
        }

        Assert.Equal(existing, snapshot.SkipLast(1).Select(m => m.Change.Name));
        Assert.Equal(view == DocumentView.Raw ? content : [], live.Change.Document.RawContent.ToByteArray());
    }

    [Fact]
    public async Task Watch_Deletion_ComesAsDeletedWithoutADocument()
    {
        var names = await CreateManyAsync("del", 2);
        using var watch = WatchSession.Open(Client, new WatchDocumentsRequest { Start = WatchDocumentsRequest.Types.Start.Now });
        await watch.NextAsync();

        await Client.DeleteDocumentAsync(new DeleteDocumentRequest { Name = names[0] });
        var deleted = await watch.NextAsync();

        Assert.Equal((ChangeType.Deleted, names[0]), (deleted.Change.Type, deleted.Change.Name));
        Assert.Null(deleted.Change.Document);
    }

    [Fact]
    public async Task Watch_DocumentReparsed_ComesAsUpdatedWithItsNewFields()
    {
        var name = (await CreateManyAsync("upd", 1))[0];
        using var watch = WatchSession.Open(Client, new WatchDocumentsRequest { Start = WatchDocumentsRequest.Types.Start.Now });
        await watch.NextAsync();
        var id = name["documents/".Length..];
        var article = ArticleParser.Parse("عنوان بعد إعادة التحليل\n\nفقرة.\n");

        await Factory.Services.GetRequiredService<IDocumentWriter>().ReplaceParsedAsync([new ParsedReplacement(id, article)], ArticleParser.Version, default);
        var updated = await watch.NextAsync();

        Assert.Equal((ChangeType.Updated, name, "عنوان بعد إعادة التحليل"), (updated.Change.Type, updated.Change.Name, updated.Change.Document.Title));
    }

    [Fact]
    public async Task Watch_EveryMessage_HasATokenAndPositionsOnlyGoForward()
    {
        await CreateManyAsync("order", 5);
        using var watch = WatchSession.Open(Client, new WatchDocumentsRequest { HeartbeatInterval = FastHeartbeat });
        var messages = await watch.UntilAsync(m => m.EventCase == EventCase.SnapshotComplete);
        await CreateManyAsync("order-live", 3);
        // A heartbeat may come before the live changes do: wait for the three, then for a heartbeat after them.
        var live = 0;
        messages.AddRange(await watch.UntilAsync(m => m.EventCase == EventCase.Change && ++live == 3));
        messages.AddRange(await watch.UntilAsync(m => m.EventCase == EventCase.Progress));

        Assert.All(messages, m => Assert.False(string.IsNullOrEmpty(m.ResumeToken)));
        Assert.True(messages.Zip(messages.Skip(1)).All(p => p.First.Position <= p.Second.Position), "positions never go back");
        var changes = messages.Where(m => m.EventCase == EventCase.Change).ToList();
        Assert.True(changes.Zip(changes.Skip(1)).All(p => p.First.Position < p.Second.Position), "each change once, in change order");
        Assert.Equal(8, changes.Select(m => m.Change.Name).Distinct().Count());
    }

    [Fact]
    public async Task Watch_ResumedFromAnyToken_ContinuesWithNoGapAndNoDuplicate()
    {
        await CreateManyAsync("resume", 4);
        List<WatchDocumentsResponse> all;
        using (var watch = WatchSession.Open(Client, new WatchDocumentsRequest { View = DocumentView.Basic }))
        {
            all = await watch.UntilAsync(m => m.EventCase == EventCase.SnapshotComplete);
            await CreateManyAsync("resume-live", 3);
            var deleted = all[0].Change.Name;
            await Client.DeleteDocumentAsync(new DeleteDocumentRequest { Name = deleted });
            all.AddRange(await watch.UntilAsync(m => m.EventCase == EventCase.Change && m.Change.Type == ChangeType.Deleted));
        }

        for (var i = 0; i < all.Count - 1; i++)
        {
            using var resumed = WatchSession.Open(Client, new WatchDocumentsRequest { View = DocumentView.Basic, ResumeToken = all[i].ResumeToken });
            var expected = all.Skip(i + 1).Select(Describe).ToList();
            var got = new List<string>();
            while (got.Count < expected.Count)
            {
                got.Add(Describe(await resumed.NextAsync()));
            }

            Assert.Equal(expected, got);
        }
    }

    [Fact]
    public async Task Watch_FilterMatchingNothing_ProgressMovesThePositionToTheLatestChange()
    {
        using var watch = WatchSession.Open(Client, new WatchDocumentsRequest { Filter = "source = \"nobody\"", HeartbeatInterval = FastHeartbeat });
        await watch.NextAsync();

        await CreateManyAsync("unmatched", 3);
        var last = await Factory.Services.GetRequiredService<IChangeFeed>().GetLastChangeAsync(default);
        var progress = await watch.UntilAsync(m => m.EventCase == EventCase.Progress && m.Position == last);

        Assert.All(progress, m => Assert.Equal(EventCase.Progress, m.EventCase));
        using var resumed = WatchSession.Open(Client, new WatchDocumentsRequest { Filter = "source = \"nobody\"", ResumeToken = progress[^1].ResumeToken, HeartbeatInterval = FastHeartbeat });
        Assert.Equal((EventCase.Progress, last), ((await resumed.NextAsync()).EventCase, (await resumed.NextAsync()).Position));
    }

    [Fact]
    public async Task Watch_Filter_SendsOnlyMatchingDocumentsButEveryDeletion()
    {
        using var watch = WatchSession.Open(Client, new WatchDocumentsRequest { Filter = "source = \"وكالة الاختبار\"", Start = WatchDocumentsRequest.Types.Start.Now });
        await watch.NextAsync();
        var matching = await Client.CreateAsync(InProcessArticles.Article("match"));
        var other = await Client.CreateAsync(System.Text.Encoding.UTF8.GetBytes("خبر آخر\n\nفقرة.\n\nالمصدر: وكالة أخرى\n"));
        await Client.DeleteDocumentAsync(new DeleteDocumentRequest { Name = other.Name });

        var created = await watch.NextAsync();
        var deleted = await watch.NextAsync();

        Assert.Equal(matching.Name, created.Change.Name);
        Assert.Equal((ChangeType.Deleted, other.Name), (deleted.Change.Type, deleted.Change.Name));
    }

    [Fact]
    public async Task Watch_IdleWithAHeartbeat_SendsProgressWithAToken()
    {
        using var watch = WatchSession.Open(Client, new WatchDocumentsRequest { Start = WatchDocumentsRequest.Types.Start.Now, HeartbeatInterval = FastHeartbeat });
        var complete = await watch.NextAsync();

        var progress = await watch.NextAsync();

        Assert.Equal(EventCase.Progress, progress.EventCase);
        Assert.Equal(complete.Position, progress.Position);
        Assert.False(string.IsNullOrEmpty(progress.ResumeToken));
    }

    [Fact]
    public async Task Watch_LargeDocument_ComesAsChangeThenHeaderThenChunksCarryingThePreviousToken_AndTheClientReassemblesIt()
    {
        using var call = Client.WatchDocuments(new WatchDocumentsRequest { Start = WatchDocumentsRequest.Types.Start.Now });
        using var watch = WatchSession.Open(Client, new WatchDocumentsRequest { Start = WatchDocumentsRequest.Types.Start.Now });
        await watch.NextAsync();
        var events = call.ResponseStream.ReadEventsAsync().GetAsyncEnumerator();
        Assert.True(await events.MoveNextAsync());
        await Client.CreateAsync(InProcessArticles.Article("before-large"));
        var before = await watch.NextAsync();
        Assert.True(await events.MoveNextAsync());
        var content = InProcessArticles.Article("large", 40 * 1024);

        var created = await Client.CreateAsync(content);
        var messages = await watch.UntilAsync(m => m.EventCase == EventCase.Chunk && m.Chunk.LastChunk);
        Assert.True(await events.MoveNextAsync());

        Assert.Equal(EventCase.Change, messages[0].EventCase);
        Assert.Null(messages[0].Change.Document);
        Assert.Equal(EventCase.LargeDocument, messages[1].EventCase);
        Assert.All(messages.Skip(2), m => Assert.Equal(EventCase.Chunk, m.EventCase));
        Assert.All(messages.SkipLast(1), m => Assert.Equal((before.ResumeToken, before.Position), (m.ResumeToken, m.Position)));
        Assert.True(messages[^1].Position > before.Position);
        Assert.All(messages, m => Assert.True(m.CalculateSize() <= DocStreamApplicationFactory.MaxMessageBytes));
        Assert.Equal(created.Name, events.Current.Change!.Name);
        Assert.Equal(content, events.Current.Change.Document.RawContent.ToByteArray());
        Assert.Equal(messages[^1].ResumeToken, events.Current.ResumeToken);
        await events.DisposeAsync();

        using var resumed = WatchSession.Open(Client, new WatchDocumentsRequest { ResumeToken = messages[2].ResumeToken });
        var again = await resumed.UntilAsync(m => m.EventCase == EventCase.Chunk && m.Chunk.LastChunk);
        Assert.Equal(messages.Select(m => m.Clone()).ToList(), again);
    }

    [Fact]
    public async Task Watch_TokenWhoseDeletionsWerePruned_FailsOutOfRangeNamingTheOldestPosition()
    {
        var names = await CreateManyAsync("pruned", 2);
        string token;
        using (var watch = WatchSession.Open(Client, new WatchDocumentsRequest { Start = WatchDocumentsRequest.Types.Start.Now }))
        {
            token = (await watch.NextAsync()).ResumeToken;
        }

        await Client.DeleteDocumentAsync(new DeleteDocumentRequest { Name = names[0] });
        var changes = Factory.Services.GetRequiredService<IChangeFeed>();
        await changes.PruneDeletionsAsync(DateTimeOffset.UtcNow.AddSeconds(1), default);
        var last = await changes.GetLastChangeAsync(default);

        using var resumed = WatchSession.Open(Client, new WatchDocumentsRequest { ResumeToken = token });
        var error = await Assert.ThrowsAsync<RpcException>(() => resumed.NextAsync());

        Assert.Equal(StatusCode.OutOfRange, error.StatusCode);
        var info = error.GetRpcStatus()!.GetDetail<ErrorInfo>();
        Assert.Equal("RESUME_TOKEN_EXPIRED", info.Reason);
        Assert.Equal(last.ToString(System.Globalization.CultureInfo.InvariantCulture), info.Metadata["oldest_resumable_position"]);
        Assert.Contains("start a new watch", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_FreshWatchAfterPruning_StillSendsItsSnapshot()
    {
        var names = await CreateManyAsync("fresh", 2);
        await Client.DeleteDocumentAsync(new DeleteDocumentRequest { Name = names[0] });
        await Factory.Services.GetRequiredService<IChangeFeed>().PruneDeletionsAsync(DateTimeOffset.UtcNow.AddSeconds(1), default);

        using var watch = WatchSession.Open(Client, new WatchDocumentsRequest());
        var snapshot = await watch.UntilAsync(m => m.EventCase == EventCase.SnapshotComplete);

        Assert.Equal([names[1]], snapshot.SkipLast(1).Select(m => m.Change.Name));
    }

    [Theory]
    [InlineData(0, 50_000_000)]
    [InlineData(601, 0)]
    [InlineData(-1, 0)]
    public async Task Watch_HeartbeatOutOfRange_IsInvalidArgument(long seconds, int nanos)
    {
        using var watch = WatchSession.Open(Client, new WatchDocumentsRequest { HeartbeatInterval = new Duration { Seconds = seconds, Nanos = nanos } });

        var error = await Assert.ThrowsAsync<RpcException>(() => watch.NextAsync());

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("HEARTBEAT_INTERVAL_OUT_OF_RANGE", error.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
    }

    [Fact]
    public async Task Watch_TokenFromAnotherFilter_IsInvalidArgument()
    {
        string token;
        using (var watch = WatchSession.Open(Client, new WatchDocumentsRequest { Start = WatchDocumentsRequest.Types.Start.Now }))
        {
            token = (await watch.NextAsync()).ResumeToken;
        }

        using var other = WatchSession.Open(Client, new WatchDocumentsRequest { Filter = "language = \"ar\"", ResumeToken = token });
        var error = await Assert.ThrowsAsync<RpcException>(() => other.NextAsync());

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("resume_token", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_StreamDocumentsToken_IsRefused()
    {
        await CreateManyAsync("stream", 1);
        using var stream = Client.StreamDocuments(new StreamDocumentsRequest());
        var streamToken = (await stream.ResponseStream.ReadAllAsync().FirstAsync()).ResumeToken;

        using var watch = WatchSession.Open(Client, new WatchDocumentsRequest { ResumeToken = streamToken });
        var error = await Assert.ThrowsAsync<RpcException>(() => watch.NextAsync());

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    [Fact]
    public async Task Watch_ConcurrentWritersAndDeletes_WatcherEndsWithTheStoresStateAndSawEachChangeOnce()
    {
        await CreateManyAsync("base", 20);
        using var watch = WatchSession.Open(Client, new WatchDocumentsRequest { View = DocumentView.Basic, HeartbeatInterval = FastHeartbeat });
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 15; i++)
            {
                var created = await Client.CreateAsync(InProcessArticles.Article($"w{w}-{i}"));
                if (i % 3 == 0)
                {
                    await Client.DeleteDocumentAsync(new DeleteDocumentRequest { Name = created.Name });
                }
            }
        })).ToArray();
        await Task.WhenAll(writers);
        var last = await Factory.Services.GetRequiredService<IChangeFeed>().GetLastChangeAsync(default);

        var messages = await watch.UntilAsync(m => m.EventCase == EventCase.Progress && m.Position == last);

        var state = new HashSet<string>();
        var seen = new HashSet<long>();
        foreach (var change in messages.Where(m => m.EventCase == EventCase.Change))
        {
            Assert.True(seen.Add(change.Position), $"change {change.Position} came twice");
            _ = change.Change.Type == ChangeType.Deleted ? state.Remove(change.Change.Name) : state.Add(change.Change.Name);
        }

        var stored = new List<string>();
        var page = new ListDocumentsResponse { NextPageToken = "" };
        do
        {
            page = await Client.ListDocumentsAsync(new ListDocumentsRequest { PageSize = 1000, PageToken = page.NextPageToken });
            stored.AddRange(page.Documents.Select(d => d.Name));
        }
        while (page.NextPageToken.Length > 0);

        Assert.Equal(stored.Order(), state.Order());
    }

    [Fact]
    public async Task Watch_WatcherThatDoesNotRead_DoesNotHoldUpWriters()
    {
        using var call = Client.WatchDocuments(new WatchDocumentsRequest());
        await call.ResponseHeadersAsync;

        var created = await CreateManyAsync("unread", 60);

        Assert.Equal(60, created.Count);
        Assert.Equal(60, await Factory.Services.GetRequiredService<IDocumentReader>().CountAsync(default));
    }

    private static string Describe(WatchDocumentsResponse message) => message.EventCase == EventCase.Change
        ? $"{message.Position}:{message.Change.Type}:{message.Change.Name}"
        : $"{message.Position}:{message.EventCase}";

    private async Task<List<string>> CreateManyAsync(string prefix, int count)
    {
        var names = new List<string>();
        for (var i = 0; i < count; i++)
        {
            names.Add((await Client.CreateAsync(InProcessArticles.Article($"{prefix}-{i}"))).Name);
        }

        return names;
    }
}
