using DocStream.Client;
using Grpc.Core;
using DocStream.Contracts.V1;
using DocStream.Testing;
using EventCase = DocStream.Contracts.V1.WatchDocumentsResponse.EventOneofCase;

namespace DocStream.Server.Tests.EndToEnd;

/// <summary>WatchDocuments over real Kestrel: resume tokens survive a kill -9 of the server, and the client helper resumes by itself.</summary>
public sealed class WatchDocumentsTests
{
    [Fact]
    public async Task Watch_ServerKilledAndRestarted_ResumesFromTheLastTokenWithNoGapAndNoDuplicate()
    {
        await using var server = await DocStreamServerProcess.StartAsync();
        var before = await server.Client.CreateAsync(CorpusHelpers.UniqueArticle());
        List<WatchDocumentsResponse> seen;
        using (var watch = WatchSession.Open(server.Client, new WatchDocumentsRequest { View = DocumentView.Basic }))
        {
            seen = await watch.UntilAsync(m => m.EventCase == EventCase.SnapshotComplete);
        }

        var whileAway = new[] { await server.Client.CreateAsync(CorpusHelpers.UniqueArticle()), await server.Client.CreateAsync(CorpusHelpers.UniqueArticle()) };
        await server.RestartAsync();
        var afterRestart = await server.Client.CreateAsync(CorpusHelpers.UniqueArticle());

        using var resumed = WatchSession.Open(server.Client, new WatchDocumentsRequest { View = DocumentView.Basic, ResumeToken = seen[^1].ResumeToken });
        var events = await resumed.UntilAsync(m => m.EventCase == EventCase.Change && m.Change.Name == afterRestart.Name);

        Assert.Contains(before.Name, seen.Where(m => m.EventCase == EventCase.Change).Select(m => m.Change.Name));
        Assert.Equal([.. whileAway.Select(d => d.Name), afterRestart.Name], events.Select(m => m.Change.Name));
        Assert.True(events[0].Position > seen[^1].Position);
    }

    [Fact]
    public async Task FollowAsync_ServerKilledMidWatch_ReconnectsByItselfAndMissesNothing()
    {
        await using var server = await DocStreamServerProcess.StartAsync();
        // A channel of the test's own: the server's is closed with the process it belongs to.
        using var channel = global::Grpc.Net.Client.GrpcChannel.ForAddress(server.Address);
        var client = new DocumentService.DocumentServiceClient(channel);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var events = client.FollowAsync(new WatchDocumentsRequest { Start = WatchDocumentsRequest.Types.Start.Now, View = DocumentView.Basic }, cancel.Token)
            .GetAsyncEnumerator(cancel.Token);
        Assert.True(await events.MoveNextAsync());
        Assert.Equal(WatchEventKind.SnapshotComplete, events.Current.Kind);
        var first = await server.Client.CreateAsync(CorpusHelpers.UniqueArticle());
        Assert.True(await events.MoveNextAsync());

        await server.RestartAsync(sameAddress: true);
        var second = await server.Client.CreateAsync(CorpusHelpers.UniqueArticle());
        var names = new List<string> { events.Current.Change!.Name };
        while (names[^1] != second.Name && await events.MoveNextAsync())
        {
            if (events.Current.Kind == WatchEventKind.Change)
            {
                names.Add(events.Current.Change!.Name);
            }
        }

        Assert.Equal([first.Name, second.Name], names);
        await events.DisposeAsync();
    }

    [Fact]
    public async Task Watch_ServerAskedToStop_EndsTheWatchAsUnavailableSoTheServerNeedNotWaitForIt()
    {
        await using var server = await DocStreamServerProcess.StartAsync();
        using var watch = WatchSession.Open(server.Client, new WatchDocumentsRequest { Start = WatchDocumentsRequest.Types.Start.Now });
        await watch.NextAsync();

        await server.TerminateAsync();
        var error = await Assert.ThrowsAsync<global::Grpc.Core.RpcException>(() => watch.NextAsync());

        // The server's own answer, not the connection cut when the host's shutdown timeout runs out.
        Assert.Equal(global::Grpc.Core.StatusCode.Unavailable, error.StatusCode);
        Assert.Equal("SERVER_SHUTTING_DOWN", error.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>().Reason);
    }
}
