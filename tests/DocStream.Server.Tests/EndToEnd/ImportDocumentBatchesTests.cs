using DocStream.Contracts.V1;
using DocStream.Testing;
using Google.Protobuf;
using Grpc.Core;

namespace DocStream.Server.Tests.EndToEnd;

/// <summary>
/// The acknowledged import against the real server: each committed batch is acknowledged while the client is still
/// sending, and a client cut off by the server's death learns from its acknowledgements what it need not send again.
/// </summary>
public sealed class ImportDocumentBatchesTests
{
    [Fact]
    public async Task ImportDocumentBatches_ClientPausesBetweenItems_EachPauseGetsAnAcknowledgementOfWhatWasSent()
    {
        await using var server = await DocStreamServerProcess.StartAsync(null, "--Corpus:ImportSamplesWhenEmpty=false");
        using var call = server.Client.ImportDocumentBatches();
        var first = new[] { CorpusHelpers.UniqueArticle(), CorpusHelpers.UniqueArticle() };
        var second = new[] { CorpusHelpers.UniqueArticle(), "\0\0"u8.ToArray(), CorpusHelpers.UniqueArticle(), first[0] };

        var acknowledged = new List<ImportResult>();
        await SendAsync(call, first, "first");
        await ReadAcknowledgementsUntilAsync(call, acknowledged, first.Length);
        await SendAsync(call, second, "second");
        await call.RequestStream.CompleteAsync();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            acknowledged.AddRange(call.ResponseStream.Current.Results);
        }

        Assert.Equal(Enumerable.Range(0, 6), acknowledged.Select(result => result.Index));
        Assert.Equal(["first-0", "first-1", "second-0", "second-1", "second-2", "second-3"], acknowledged.Select(result => result.SourceUri));
        Assert.Equal(
            [ImportResult.Types.Outcome.Created, ImportResult.Types.Outcome.Created, ImportResult.Types.Outcome.Created, ImportResult.Types.Outcome.Failed,
             ImportResult.Types.Outcome.Created, ImportResult.Types.Outcome.Unchanged],
            acknowledged.Select(result => result.Outcome));
        Assert.StartsWith("DOCUMENT_EMPTY", acknowledged[3].Error, StringComparison.Ordinal);
        Assert.Equal(CorpusHelpers.NameOf(first[0]), acknowledged[5].Name);
        Assert.Equal(4, (await server.Client.ListAllNamesAsync(pageSize: 100)).Count);
    }

    [Fact]
    public async Task ImportDocumentBatches_ServerKilledMidImport_EveryAcknowledgedItemIsStoredAndTheRestCanBeSentAgain()
    {
        await using var server = await DocStreamServerProcess.StartAsync(null, "--Corpus:ImportSamplesWhenEmpty=false");
        var items = Enumerable.Range(0, 40).Select(_ => CorpusHelpers.UniqueArticle()).ToArray();
        var acknowledged = new List<ImportResult>();
        using (var call = server.Client.ImportDocumentBatches())
        {
            await SendAsync(call, items[..25], "item", startAt: 0);
            await ReadAcknowledgementsUntilAsync(call, acknowledged, 25);
            // More items in flight, unacknowledged, when the server dies: stored or not, the client cannot know.
            await SendAsync(call, items[25..32], "item", startAt: 25);
            await server.StopAsync();
        }

        await server.RestartAsync();
        foreach (var result in acknowledged)
        {
            Assert.Equal(CorpusHelpers.NameOf(items[result.Index]), (await server.Client.GetDocumentAsync(new GetDocumentRequest { Name = result.Name })).Name);
        }

        // The client resumes after its last acknowledgement: only the rest goes again.
        var resumeAt = acknowledged[^1].Index + 1;
        using (var call = server.Client.ImportDocumentBatches())
        {
            await SendAsync(call, items[resumeAt..], "item", startAt: resumeAt);
            await call.RequestStream.CompleteAsync();
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
                Assert.All(call.ResponseStream.Current.Results,
                    result => Assert.Contains(result.Outcome, new[] { ImportResult.Types.Outcome.Created, ImportResult.Types.Outcome.Unchanged }));
            }
        }

        Assert.Equal(items.Select(CorpusHelpers.NameOf).Order(), (await server.Client.ListAllNamesAsync(pageSize: 100)).Order());
    }

    private static async Task SendAsync(
        AsyncDuplexStreamingCall<ImportDocumentBatchesRequest, ImportDocumentBatchesResponse> call, byte[][] items, string label, int startAt = 0)
    {
        for (var i = 0; i < items.Length; i++)
        {
            await call.RequestStream.WriteAsync(new ImportDocumentBatchesRequest { Content = ByteString.CopyFrom(items[i]), SourceUri = $"{label}-{startAt + i}" });
        }
    }

    /// <summary>Reads acknowledgements until they cover <paramref name="count"/> items: the client has paused, so they come.</summary>
    private static async Task ReadAcknowledgementsUntilAsync(
        AsyncDuplexStreamingCall<ImportDocumentBatchesRequest, ImportDocumentBatchesResponse> call, List<ImportResult> acknowledged, int count)
    {
        while (acknowledged.Count < count)
        {
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None), $"the stream ended after {acknowledged.Count} acknowledged items");
            acknowledged.AddRange(call.ResponseStream.Current.Results);
        }
    }
}
