using DocStream.Cli.Tests.Support;
using DocStream.Contracts.V1;
using DocStream.Testing;
using Google.Protobuf;

namespace DocStream.Cli.Tests;

/// <summary><c>docstream watch</c> across a crash of the server: a server of its own, killed and started again.</summary>
public sealed class WatchRestartTests
{
    [Fact]
    public async Task Watch_ServerKilledAndRestarted_ResumesByItselfWithNoDuplicateAndNoGap()
    {
        await using var server = await DocStreamServerProcess.StartAsync();
        await using var watch = RunningCli.Start("watch", "--view", "basic", "--address", server.Address);
        var snapshot = (await watch.LinesUntilAsync(WatchLine.IsSnapshotComplete)).Select(WatchLine.Parse).ToList();
        var beforeKill = await CreateAsync(server, "قبل الانهيار");
        var seen = new List<WatchLine>(snapshot) { WatchLine.Parse(await watch.NextLineAsync()) };

        await server.RestartAsync(sameAddress: true);
        // Created at once, most likely before the watch is back (it waits 0.5 s, 1 s, 2 s... between tries).
        var afterRestart = new[] { await CreateAsync(server, "بعد إعادة التشغيل"), await CreateAsync(server, "بعد إعادة التشغيل") };
        seen.AddRange((await watch.LinesUntilAsync(line => WatchLine.Parse(line).Name == afterRestart[^1].Name)).Select(WatchLine.Parse));
        var stopped = await watch.InterruptAsync();

        Assert.Equal(Samples.All.Select(sample => sample.Name).Order(), snapshot.SkipLast(1).Select(line => line.Name).Order());
        Assert.Equal(
            [beforeKill.Name, .. afterRestart.Select(d => d.Name)],
            seen.Skip(snapshot.Count).Where(line => line.Event == "change").Select(line => line.Name));
        Assert.All(seen.Skip(snapshot.Count), line => Assert.NotEqual("snapshot_complete", line.Event));
        var positions = seen.Select(line => line.Position).ToArray();
        Assert.True(positions.Zip(positions.Skip(1)).All(pair => pair.First <= pair.Second), string.Join(", ", positions));
        Assert.True(stopped.ExitCode == ExitCodes.Success, stopped.ToString());
        Assert.Contains("docstream: the watch broke (UNAVAILABLE: ", stopped.Error, StringComparison.Ordinal);
        Assert.Contains("; resuming from the last resume token in 0.5 s (retry 1 of 10)", stopped.Error, StringComparison.Ordinal);
    }

    private static async Task<Document> CreateAsync(DocStreamServerProcess server, string topic) =>
        await server.Client.CreateDocumentAsync(new CreateDocumentRequest { Content = ByteString.CopyFrom(Samples.UniqueArticle(topic)) });
}
