using System.Text.Json.Nodes;
using DocStream.Cli.Tests.Support;
using DocStream.Contracts.V1;
using Google.Protobuf;

namespace DocStream.Cli.Tests;

/// <summary>
/// <c>docstream watch</c> against the scratch server, whose 32 KiB message limit sends a modest document in chunks.
/// The tests of a collection run one at a time, so each watch sees only the changes its own test makes.
/// </summary>
[Collection(ScratchServerCollection.Name)]
public sealed class WatchCommandTests(ScratchServerFixture fixture)
{
    private DocumentService.DocumentServiceClient Client => fixture.Server.Client;

    [Fact]
    public async Task Watch_FromSnapshot_PrintsEveryDocumentThenSnapshotCompleteThenADocumentCreatedAfterwards()
    {
        await CreateAsync("مقال قبل المراقبة");
        var stored = (await Client.ListDocumentsAsync(new ListDocumentsRequest { PageSize = 1000 })).Documents.Select(d => d.Name).ToArray();
        await using var watch = RunningCli.Start("watch", "--view", "basic", "--address", fixture.Address);

        var snapshot = (await watch.LinesUntilAsync(WatchLine.IsSnapshotComplete)).Select(WatchLine.Parse).ToArray();
        var created = await CreateAsync("مقال بعد اللقطة");
        var live = WatchLine.Parse(await watch.NextLineAsync());

        var changes = snapshot[..^1];
        Assert.Equal(stored.Order(), changes.Select(line => line.Name).Order());
        Assert.All(changes, line => Assert.Equal(("change", "CREATED"), (line.Event, line.Type)));
        Assert.All(changes, line => Assert.Equal(line.Name, (string?)line.Document!["name"]));
        Assert.Equal("snapshot_complete", snapshot[^1].Event);
        Assert.Null(snapshot[^1].Document);
        Assert.Equal(("change", "CREATED", created.Name), (live.Event, live.Type, live.Name));
        var positions = snapshot.Append(live).Select(line => line.Position).ToArray();
        Assert.True(positions.Zip(positions.Skip(1)).All(pair => pair.First <= pair.Second), string.Join(", ", positions));
        Assert.True(live.Position > snapshot[^1].Position);
        Assert.All(snapshot.Append(live), line => Assert.NotEmpty(line.ResumeToken));

        // The document is printed exactly as `get` prints it.
        var get = await DocstreamCli.RunAsync("get", created.Name, "--view", "basic", "--address", fixture.Address);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(get.Output), live.Document), $"watch: {live.Document}\nget: {get.Output}");
    }

    [Fact]
    public async Task Watch_StartNow_BeginsWithSnapshotCompleteThenPrintsCreationsAndDeletions()
    {
        await CreateAsync("مقال موجود قبل المراقبة");
        await using var watch = RunningCli.Start("watch", "--start", "now", "--address", fixture.Address);

        var start = WatchLine.Parse(await watch.NextLineAsync());
        var created = await CreateAsync("مقال جديد");
        var creation = WatchLine.Parse(await watch.NextLineAsync());
        await Client.DeleteDocumentAsync(new DeleteDocumentRequest { Name = created.Name });
        var deletion = WatchLine.Parse(await watch.NextLineAsync());

        Assert.Equal("snapshot_complete", start.Event);
        Assert.Equal(("change", "CREATED", created.Name), (creation.Event, creation.Type, creation.Name));
        Assert.Equal(created.SourceUri, (string?)creation.Document!["source_uri"]);
        // FULL by default: the raw text comes too.
        Assert.NotNull(creation.Document["raw_content"]);
        Assert.Equal(("change", "DELETED", created.Name), (deletion.Event, deletion.Type, deletion.Name));
        Assert.Null(deletion.Document);
        Assert.True(deletion.Position > creation.Position && creation.Position > start.Position);
    }

    [Fact]
    public async Task Watch_DocumentLargerThanOneMessage_PrintsItReassembledOnOneLine()
    {
        await using var watch = RunningCli.Start("watch", "--start", "now", "--address", fixture.Address);
        await watch.NextLineAsync();
        var bytes = Samples.UniqueArticle("مقال طويل للمراقبة", minimumBytes: 4 * ScratchServerFixture.MaxMessageBytes);

        var created = await Client.CreateDocumentAsync(new CreateDocumentRequest { Content = ByteString.CopyFrom(bytes), SourceUri = "large-watch.txt" });
        var line = WatchLine.Parse(await watch.NextLineAsync());

        Assert.Equal(("change", "CREATED", created.Name), (line.Event, line.Type, line.Name));
        Assert.Equal(System.Text.Encoding.UTF8.GetString(bytes), (string?)line.Document!["raw_content"]);
    }

    [Fact]
    public async Task Watch_Interrupted_ExitsZeroNamingTheLastToken_WhichResumesAfterThatEvent()
    {
        await using var first = RunningCli.Start("watch", "--start", "now", "--view", "basic", "--address", fixture.Address);
        await first.NextLineAsync();
        var a = await CreateAsync("المقال الأول");
        var lineA = WatchLine.Parse(await first.NextLineAsync());
        var b = await CreateAsync("المقال الثاني");
        var lineB = WatchLine.Parse(await first.NextLineAsync());

        var stopped = await first.InterruptAsync();

        Assert.True(stopped.ExitCode == ExitCodes.Success, stopped.ToString());
        Assert.Equal(
            $"docstream: watch stopped; to continue after the last event, run it again with --resume-token {lineB.ResumeToken}",
            stopped.Error.Trim());
        Assert.Equal(a.Name, lineA.Name);

        await using var resumed = RunningCli.Start("watch", "--view", "basic", "--resume-token", lineA.ResumeToken, "--address", fixture.Address);
        var next = WatchLine.Parse(await resumed.NextLineAsync());

        Assert.Equal(lineB, next with { Document = lineB.Document });
        Assert.Equal(b.Name, next.Name);
        Assert.True(JsonNode.DeepEquals(lineB.Document, next.Document));
    }

    [Fact]
    public async Task Watch_ShortHeartbeat_PrintsProgressWhileNothingChanges()
    {
        await using var watch = RunningCli.Start("watch", "--start", "now", "--heartbeat", "0.2", "--address", fixture.Address);

        var start = WatchLine.Parse(await watch.NextLineAsync());
        var heartbeats = new[] { WatchLine.Parse(await watch.NextLineAsync()), WatchLine.Parse(await watch.NextLineAsync()) };

        Assert.Equal("snapshot_complete", start.Event);
        Assert.All(heartbeats, line => Assert.Equal(("progress", null, null, start.Position), (line.Event, line.Type, line.Name, line.Position)));
    }

    [Fact]
    public async Task Watch_BadFilter_ReportsFilterFieldViolationAndFails()
    {
        var result = await DocstreamCli.RunAsync("watch", "--filter", "title ~ \"x\"", "--address", fixture.Address);

        CliAssert.RejectedField(result, "filter", "FILTER_INVALID");
        Assert.DoesNotContain("--resume-token", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.OutputBytes);
    }

    [Fact]
    public async Task Watch_ResumeTokenOfAnotherView_ReportsInvalidTokenWithoutSuggestingItAgain()
    {
        await using var basic = RunningCli.Start("watch", "--start", "now", "--view", "basic", "--address", fixture.Address);
        var token = WatchLine.Parse(await basic.NextLineAsync()).ResumeToken;

        // --resume, as `stream` spells it, is the same option.
        var result = await DocstreamCli.RunAsync("watch", "--view", "full", "--resume", token, "--address", fixture.Address);

        CliAssert.RejectedField(result, "resume_token", "TOKEN_INVALID");
        Assert.DoesNotContain("run it again", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_HeartbeatOutsideTheServersRange_ReportsTheServersError()
    {
        var result = await DocstreamCli.RunAsync("watch", "--heartbeat", "0.05", "--address", fixture.Address);

        CliAssert.RejectedField(result, "heartbeat_interval", "HEARTBEAT_INTERVAL_OUT_OF_RANGE");
    }

    [Theory]
    [InlineData("--heartbeat", "0", "--heartbeat takes a number of seconds greater than 0")]
    [InlineData("--start", "yesterday", "yesterday")]
    [InlineData("--retries", "-1", "--retries must be 0 or more")]
    public async Task Watch_BadOption_IsAUsageErrorWithoutCallingTheServer(string option, string value, string message)
    {
        var result = await DocstreamCli.RunAsync("watch", option, value, "--address", fixture.Address);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("docstream: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_ConnectionKeepsDropping_GivesUpAfterRetriesNamingTheLastToken()
    {
        // The first connection carries the first messages of a watch that sends heartbeats five times a second, and is
        // cut; every later one is cut before a message gets through.
        await using var proxy = DroppingProxy.Start(fixture.Address, connection => connection == 1 ? 1024 : 100);

        var result = await DocstreamCli.RunAsync("watch", "--start", "now", "--heartbeat", "0.2", "--retries", "2", "--address", proxy.Address);

        Assert.True(result.ExitCode == ExitCodes.Failure && result.OutputLines.Length > 0, result.ToString());
        Assert.Equal(3, proxy.Connections);
        Assert.Contains("docstream: the watch broke (UNAVAILABLE: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("resuming from the last resume token in 1 s (retry 2 of 2)", result.Error, StringComparison.Ordinal);
        var lastToken = WatchLine.Parse(result.OutputLines[^1]).ResumeToken;
        Assert.EndsWith($"docstream: to continue where this watch stopped, run it again with --resume-token {lastToken}", result.Error.TrimEnd(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    private async Task<Document> CreateAsync(string topic) =>
        await Client.CreateDocumentAsync(new CreateDocumentRequest { Content = ByteString.CopyFrom(Samples.UniqueArticle(topic)), SourceUri = $"{Guid.NewGuid()}.txt" });
}
