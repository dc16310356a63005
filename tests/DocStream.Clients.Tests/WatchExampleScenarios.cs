using System.Text;
using System.Text.Json.Nodes;
using DocStream.Contracts.V1;
using DocStream.Testing;
using Google.Protobuf;

namespace DocStream.Clients.Tests;

/// <summary>
/// What the watch example of every language must do, each run against a server of its own (it creates documents, and
/// one scenario kills the server): print the snapshot, <c>snapshot_complete</c> and then each change as a JSON line as
/// it happens, reassemble documents sent in chunks, and reconnect with the last resume token when the server goes
/// away, printing nothing twice and missing nothing.
/// </summary>
internal static class WatchExampleScenarios
{
    private const int SmallMessageBytes = 32 * 1024;

    /// <summary>
    /// A server whose message limit sends a modest document in chunks: the example, asking for a heartbeat every
    /// 0.2 s, prints the five samples, snapshot_complete, progress while nothing happens, then a small and a large
    /// document created afterwards, whole, and the deletion of the small one, and stops after those eight changes as
    /// <c>--max-changes 8</c> asks.
    /// </summary>
    /// <param name="startExample">Starts the example with the server's address and extra arguments.</param>
    public static async Task PrintsSnapshotThenLiveChangesWithLargeDocumentsWhole(Func<string, string[], RunningChildProcess> startExample)
    {
        await using var server = await DocStreamServerProcess.StartAsync(null, $"--Limits:MaxMessageBytes={SmallMessageBytes}");
        var stored = (await server.Client.ListDocumentsAsync(new ListDocumentsRequest { PageSize = 1000 })).Documents;
        using var example = startExample(server.Address, ["--heartbeat", "0.2", "--max-changes", "8"]);

        var snapshot = (await example.LinesUntilAsync(IsSnapshotComplete)).Select(ExampleLine.Parse).ToList();
        var heartbeat = ExampleLine.Parse(await example.NextLineAsync());
        var (small, smallBytes) = await CreateAsync(server, "مقال قصير", minimumBytes: 0);
        var (large, largeBytes) = await CreateAsync(server, "مقال طويل", minimumBytes: 4 * SmallMessageBytes);
        await server.Client.DeleteDocumentAsync(new DeleteDocumentRequest { Name = small.Name });
        var live = new[] { await NextChangeAsync(example), await NextChangeAsync(example), await NextChangeAsync(example) };
        var (exitCode, unread) = await example.WaitForExitAsync();

        var changes = snapshot[..^1];
        Assert.Equal(5, changes.Count);
        Assert.Equal(
            stored.Select(d => (d.Name, d.Title, d.SizeBytes)).Order(),
            changes.Select(line => (line.Name!, line.Title!, line.RawBytes!.Value)).Order());
        Assert.All(changes, line => Assert.Equal(("change", "CREATED"), (line.Event, line.Type)));
        var end = changes.Max(line => line.Position);
        Assert.Equal(new ExampleLine("snapshot_complete", null, null, null, null, end), snapshot[^1]);
        Assert.Equal(new ExampleLine("progress", null, null, null, null, end), heartbeat);
        Assert.Equal(new ExampleLine("change", "CREATED", small.Name, small.Title, smallBytes, live[0].Position), live[0]);
        Assert.True(largeBytes > 3 * SmallMessageBytes, "the large document travels in chunks");
        Assert.Equal(new ExampleLine("change", "CREATED", large.Name, large.Title, largeBytes, live[1].Position), live[1]);
        Assert.Equal(new ExampleLine("change", "DELETED", small.Name, null, null, live[2].Position), live[2]);
        Assert.True(end < live[0].Position && live[0].Position < live[1].Position && live[1].Position < live[2].Position);
        Assert.True(exitCode == 0 && unread.All(line => ExampleLine.Parse(line).Event == "progress"), $"exit code {exitCode}, then {string.Join('\n', unread)}\nstderr:\n{example.Error}");
    }

    /// <summary>
    /// The server is killed and started again on the same address and data while the example watches: it reconnects
    /// with the last resume token by itself and prints the changes made after the restart once, and nothing before
    /// them again (a watch reopened without the token would print the snapshot again).
    /// </summary>
    /// <param name="startExample">Starts the example with the server's address and extra arguments.</param>
    public static async Task ReconnectsAfterServerRestartWithNoDuplicateAndNoGap(Func<string, string[], RunningChildProcess> startExample)
    {
        await using var server = await DocStreamServerProcess.StartAsync();
        // The five samples, one document before the restart and two after.
        using var example = startExample(server.Address, ["--max-changes", "8"]);
        var snapshot = (await example.LinesUntilAsync(IsSnapshotComplete)).Select(ExampleLine.Parse).ToList();
        var (beforeKill, _) = await CreateAsync(server, "قبل الانهيار", minimumBytes: 0);
        var seen = new List<ExampleLine> { ExampleLine.Parse(await example.NextLineAsync()) };

        await server.RestartAsync(sameAddress: true);
        // Created at once, most likely before the example is back (it waits 0.5 s, 1 s, 2 s... between tries).
        var afterRestart = new[] { (await CreateAsync(server, "بعد إعادة التشغيل", 0)).Document, (await CreateAsync(server, "بعد إعادة التشغيل", 0)).Document };
        seen.Add(ExampleLine.Parse(await example.NextLineAsync()));
        seen.Add(ExampleLine.Parse(await example.NextLineAsync()));
        var (exitCode, unread) = await example.WaitForExitAsync();

        Assert.Equal(6, snapshot.Count);
        Assert.Equal([beforeKill.Name, .. afterRestart.Select(d => d.Name)], seen.Select(line => line.Name));
        Assert.All(seen, line => Assert.Equal(("change", "CREATED"), (line.Event, line.Type)));
        Assert.True(seen[0].Position < seen[1].Position && seen[1].Position < seen[2].Position);
        Assert.Contains("reconnecting from the last resume token", example.Error, StringComparison.Ordinal);
        Assert.True(exitCode == 0 && unread.Count == 0, $"exit code {exitCode}, then {string.Join('\n', unread)}\nstderr:\n{example.Error}");
    }

    /// <summary>
    /// The server refused the watch (asked for a heartbeat under its 100 ms): the example printed the server's error
    /// and exited 1 at once, since a retry would only be refused again.
    /// </summary>
    public static void AssertFailedAtOnceWithTheServersError(ChildProcessResult run)
    {
        Assert.True(run.ExitCode == 1, run.Transcript);
        // Each language spells the status its own way: InvalidArgument, INVALID_ARGUMENT.
        Assert.Matches("^watch failed: (InvalidArgument|INVALID_ARGUMENT): heartbeat_interval: ", run.Error);
        Assert.DoesNotContain("reconnecting", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    /// <summary>Nothing listened at the address: the example tried once more, as <c>--retries 1</c> allows, then gave up with exit code 1.</summary>
    public static void AssertGaveUpAfterOneRetry(ChildProcessResult run)
    {
        Assert.True(run.ExitCode == 1, run.Transcript);
        Assert.Matches(@"^watch broke \((Unavailable|UNAVAILABLE): .*\); reconnecting from the start in 0\.5 s \(retry 1 of 1\)\n", run.Error);
        Assert.EndsWith("; gave up after 1 retries in a row", run.Error.TrimEnd(), StringComparison.Ordinal);
        Assert.Equal(2, SampleTitles.Lines(run.Error).Count);
        Assert.Empty(run.Output);
    }

    private static bool IsSnapshotComplete(string line) => ExampleLine.Parse(line).Event == "snapshot_complete";

    /// <summary>The next change the example prints, past the heartbeats.</summary>
    private static async Task<ExampleLine> NextChangeAsync(RunningChildProcess example)
    {
        var lines = await example.LinesUntilAsync(line => ExampleLine.Parse(line).Event != "progress");
        return ExampleLine.Parse(lines[^1]);
    }

    /// <summary>Creates a new article about <paramref name="topic"/> of at least <paramref name="minimumBytes"/> bytes.</summary>
    private static async Task<(Document Document, long Bytes)> CreateAsync(DocStreamServerProcess server, string topic, int minimumBytes)
    {
        var text = new StringBuilder($"{topic} {Guid.NewGuid()}\nتاريخ النشر: 13th, October 2023 GMT\n");
        do
        {
            text.Append("عرض الرئيس الروسي تقديم المساعدة من أجل وقف التصعيد الحالي في المنطقة.\n");
        }
        while (Encoding.UTF8.GetByteCount(text.ToString()) < minimumBytes);

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var document = await server.Client.CreateDocumentAsync(new CreateDocumentRequest { Content = ByteString.CopyFrom(bytes) });
        return (document, bytes.Length);
    }

    /// <summary>One line of a watch example: the same JSON object in every language.</summary>
    private sealed record ExampleLine(string Event, string? Type, string? Name, string? Title, long? RawBytes, long Position)
    {
        public static ExampleLine Parse(string line)
        {
            var json = JsonNode.Parse(line)!.AsObject();
            return new ExampleLine(
                (string)json["event"]!,
                (string?)json["type"],
                (string?)json["name"],
                (string?)json["title"],
                (long?)json["raw_bytes"],
                (long)json["position"]!);
        }
    }
}
