using System.Text;
using DocStream.Client;
using DocStream.Contracts.V1;
using DocStream.Testing;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Grpc.Health.V1;

namespace DocStream.Server.Tests.EndToEnd;

/// <summary>
/// SIGTERM with calls in flight, against the real server: health turns NOT_SERVING, new calls are refused, a stream and
/// an import in flight go on until the drain timeout and then end with SERVER_SHUTTING_DOWN (the stream after a
/// message whose resume token covers what it sent, the import with the answer for what it stored), and the server
/// exits with 0. Nothing acknowledged is lost: after a restart the stream resumes where it ended and every import
/// result is stored.
/// </summary>
public sealed class GracefulShutdownTests
{
    private const int StreamedDocuments = 80;

    [Fact]
    public async Task Sigterm_StreamAndImportInFlight_DrainWithTheirLastTokenAndSummaryAndTheServerExitsZero()
    {
        await using var server = await DocStreamServerProcess.StartAsync(null, "--Corpus:ImportSamplesWhenEmpty=false", "--Shutdown:DrainTimeout=00:00:03");
        var client = server.Client;
        var stored = await ImportLargeArticlesAsync(client);

        // Large FULL documents read slowly: flow control holds the server back, so the stream is still going at SIGTERM.
        using var stream = client.StreamDocuments(new StreamDocumentsRequest { View = DocumentView.Full });
        var streamed = new List<(Document Document, string ResumeToken)>();
        var streaming = ReadSlowlyAsync(stream.ResponseStream, streamed);
        using var import = client.ImportDocuments();
        var sent = new List<byte[]>();
        var importing = SendSlowlyAsync(import, sent);
        await WaitUntilAsync(() => Count(streamed) > 0 && Count(sent) > 0);

        await server.SignalTerminateAsync();
        var streamedAtSigterm = Count(streamed);

        await WaitUntilAsync(async () => (await new Health.HealthClient(server.Channel).CheckAsync(new HealthCheckRequest())).Status
            == HealthCheckResponse.Types.ServingStatus.NotServing);
        var refused = await Assert.ThrowsAsync<RpcException>(() => client.GetDocumentAsync(new GetDocumentRequest { Name = stored[0] }).ResponseAsync);
        AssertShuttingDown(refused);
        Assert.Contains("takes no new calls", refused.Status.Detail, StringComparison.Ordinal);

        var streamEnd = await streaming;
        AssertShuttingDown(streamEnd);
        // It went on during the drain, and ended before its last document.
        Assert.InRange(streamed.Count, streamedAtSigterm + 1, StreamedDocuments - 1);

        await importing;
        var importEnd = await Assert.ThrowsAsync<RpcException>(() => import.ResponseAsync);
        AssertShuttingDown(importEnd);
        var summary = importEnd.GetRpcStatus()!.GetDetail<ImportDocumentsResponse>();
        Assert.NotNull(summary);
        Assert.NotEmpty(summary.Results);
        Assert.Equal(Enumerable.Range(0, summary.Results.Count), summary.Results.Select(result => result.Index));

        Assert.Equal(0, await server.WaitForExitAsync());
        Assert.Empty(server.LoggedErrors());

        server.StartAgainWithoutWaiting();
        await server.WaitUntilServingAsync();
        var rest = await server.Client.StreamAllAsync(new StreamDocumentsRequest { View = DocumentView.Full, ResumeToken = streamed[^1].ResumeToken });
        var names = streamed.Select(item => item.Document.Name).Concat(rest.Select(item => item.Document.Name)).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        // Every document stored before the stream began, once; the imported ones come after them.
        Assert.Subset(names.ToHashSet(), stored.ToHashSet());
        foreach (var result in summary.Results)
        {
            Assert.Equal(ImportResult.Types.Outcome.Created, result.Outcome);
            Assert.Equal(CorpusHelpers.NameOf(sent[result.Index]), result.Name);
            await server.Client.GetDocumentAsync(new GetDocumentRequest { Name = result.Name });
        }
    }

    [Fact]
    public async Task Sigterm_AcknowledgedImportInFlight_AcknowledgesWhatItCommittedAndEndsShuttingDown()
    {
        await using var server = await DocStreamServerProcess.StartAsync(null, "--Corpus:ImportSamplesWhenEmpty=false", "--Shutdown:DrainTimeout=00:00:02");
        using var import = server.Client.ImportDocumentBatches();
        var sent = new List<byte[]>();
        var sending = SendSlowlyAsync(content => import.RequestStream.WriteAsync(new ImportDocumentBatchesRequest { Content = ByteString.CopyFrom(content) }), sent);
        var acknowledged = new List<ImportResult>();
        Assert.True(await import.ResponseStream.MoveNext(CancellationToken.None));
        acknowledged.AddRange(import.ResponseStream.Current.Results);

        await server.SignalTerminateAsync();
        var end = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await import.ResponseStream.MoveNext(CancellationToken.None))
            {
                acknowledged.AddRange(import.ResponseStream.Current.Results);
            }
        });
        await sending;

        AssertShuttingDown(end);
        Assert.Equal(Enumerable.Range(0, acknowledged.Count), acknowledged.Select(result => result.Index));
        Assert.Equal(0, await server.WaitForExitAsync());
        server.StartAgainWithoutWaiting();
        await server.WaitUntilServingAsync();
        foreach (var result in acknowledged)
        {
            Assert.Equal(CorpusHelpers.NameOf(sent[result.Index]), (await server.Client.GetDocumentAsync(new GetDocumentRequest { Name = result.Name })).Name);
        }
    }

    [Fact]
    public async Task StreamDocumentsResumingAsync_ServerDrainsAndRestartsMidStream_YieldsEveryDocumentOnceInOrder()
    {
        await using var server = await DocStreamServerProcess.StartAsync(null, "--Corpus:ImportSamplesWhenEmpty=false", "--Shutdown:DrainTimeout=00:00:01");
        var stored = await ImportLargeArticlesAsync(server.Client);
        // A channel of the test's own: the server's is closed with the process it belongs to.
        using var channel = global::Grpc.Net.Client.GrpcChannel.ForAddress(server.Address);
        var notices = new List<ResumeNotice>();
        var options = new ResumeOptions
        {
            MaxRetries = 40,
            FirstDelay = TimeSpan.FromMilliseconds(100),
            LongestDelay = TimeSpan.FromMilliseconds(500),
            OnResume = notice =>
            {
                notices.Add(notice);
                return ValueTask.CompletedTask;
            },
        };
        var names = new List<string>();
        Task? restart = null;

        await foreach (var (document, _) in new DocumentService.DocumentServiceClient(channel)
            .StreamDocumentsResumingAsync(new StreamDocumentsRequest { View = DocumentView.Full }, options))
        {
            names.Add(document.Name);
            restart ??= RestartGracefullyAsync(server);
            await Task.Delay(50);
        }

        await restart!;
        Assert.Equal(stored, names);
        Assert.Equal("SERVER_SHUTTING_DOWN", notices[0].Error.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
        Assert.False(notices[0].FromStart);
    }

    [Fact]
    public async Task ImportResumingAsync_ServerDrainsAndRestartsMidImport_AnswersEveryItemOnceAndStoresIt()
    {
        await using var server = await DocStreamServerProcess.StartAsync(null, "--Corpus:ImportSamplesWhenEmpty=false", "--Shutdown:DrainTimeout=00:00:01");
        var contents = Enumerable.Range(0, 60).Select(i => CorpusHelpers.UniqueArticle($"خبر مستأنف {i}")).ToArray();
        using var channel = global::Grpc.Net.Client.GrpcChannel.ForAddress(server.Address);
        var notices = new List<ResumeNotice>();
        var options = new ResumeOptions
        {
            MaxRetries = 40,
            FirstDelay = TimeSpan.FromMilliseconds(100),
            LongestDelay = TimeSpan.FromMilliseconds(500),
            OnResume = notice =>
            {
                notices.Add(notice);
                return ValueTask.CompletedTask;
            },
        };
        var results = new List<ImportResult>();
        Task? restart = null;

        await foreach (var result in new DocumentService.DocumentServiceClient(channel).ImportResumingAsync((from, ct) => SlowlyFrom(contents, from, ct), options))
        {
            results.Add(result);
            restart ??= RestartGracefullyAsync(server);
        }

        await restart!;
        Assert.Equal(Enumerable.Range(0, contents.Length), results.Select(result => result.Index));
        Assert.All(results, result => Assert.NotEqual(ImportResult.Types.Outcome.Failed, result.Outcome));
        Assert.Equal("SERVER_SHUTTING_DOWN", notices[0].Error.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
        Assert.False(notices[0].FromStart);
        foreach (var result in results)
        {
            Assert.Equal(CorpusHelpers.NameOf(contents[result.Index]), (await server.Client.GetDocumentAsync(new GetDocumentRequest { Name = result.Name })).Name);
        }
    }

    [Fact]
    public async Task Sigterm_NothingInFlight_ExitsZero()
    {
        await using var server = await DocStreamServerProcess.StartAsync();

        Assert.Equal(0, await server.TerminateAsync());
        Assert.Empty(server.LoggedErrors());
    }

    /// <summary>The items from <paramref name="from"/> on, one every 50 ms, so that the server commits as they come.</summary>
    private static async IAsyncEnumerable<ImportDocumentBatchesRequest> SlowlyFrom(
        byte[][] contents, int from, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var i = from; i < contents.Length; i++)
        {
            yield return new ImportDocumentBatchesRequest { Content = ByteString.CopyFrom(contents[i]), SourceUri = $"resumed-{i}.txt" };
            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>SIGTERM, a drain that ends the streams in flight, a clean exit, and the server started again on the same address.</summary>
    private static async Task RestartGracefullyAsync(DocStreamServerProcess server)
    {
        await server.SignalTerminateAsync();
        Assert.Equal(0, await server.WaitForExitAsync());
        server.StartAgainWithoutWaiting(sameAddress: true);
        await server.WaitUntilServingAsync();
    }

    private static void AssertShuttingDown(RpcException error)
    {
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal("SERVER_SHUTTING_DOWN", error.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
    }

    /// <summary>Articles of about 100 KiB each, stored before the test's calls begin.</summary>
    private static async Task<List<string>> ImportLargeArticlesAsync(DocumentService.DocumentServiceClient client)
    {
        var paragraph = string.Concat(Enumerable.Repeat("فقرة طويلة من خبر تجريبي عن اجتماع في العاصمة. ", 40));
        using var call = client.ImportDocuments();
        for (var i = 0; i < StreamedDocuments; i++)
        {
            var text = Encoding.UTF8.GetString(CorpusHelpers.UniqueArticle($"خبر طويل {i}")) + string.Join("\n\n", Enumerable.Repeat(paragraph, 25));
            await call.RequestStream.WriteAsync(new ImportDocumentsRequest { Content = ByteString.CopyFromUtf8(text), SourceUri = $"large-{i}.txt" });
        }

        await call.RequestStream.CompleteAsync();
        var response = await call;
        Assert.Equal(StreamedDocuments, response.CreatedCount);
        return response.Results.Select(result => result.Name).ToList();
    }

    private static async Task<RpcException> ReadSlowlyAsync(IAsyncStreamReader<StreamDocumentsResponse> responses, List<(Document, string)> streamed)
    {
        try
        {
            await foreach (var item in responses.ReadDocumentsAsync())
            {
                lock (streamed)
                {
                    streamed.Add(item);
                }

                await Task.Delay(100);
            }
        }
        catch (RpcException ex)
        {
            return ex;
        }

        throw new InvalidOperationException($"the stream ended by itself after {streamed.Count} documents: SIGTERM came too late to test the drain");
    }

    /// <summary>Sends an article every 50 ms until the server stops reading.</summary>
    private static Task SendSlowlyAsync(AsyncClientStreamingCall<ImportDocumentsRequest, ImportDocumentsResponse> import, List<byte[]> sent) =>
        SendSlowlyAsync(content => import.RequestStream.WriteAsync(new ImportDocumentsRequest { Content = ByteString.CopyFrom(content) }), sent);

    private static async Task SendSlowlyAsync(Func<byte[], Task> send, List<byte[]> sent)
    {
        try
        {
            for (var i = 0; i < 10_000; i++)
            {
                var content = CorpusHelpers.UniqueArticle($"خبر وارد {i}");
                lock (sent)
                {
                    sent.Add(content);
                }

                await send(content);
                await Task.Delay(50);
            }
        }
        catch (Exception ex) when (ex is RpcException or InvalidOperationException)
        {
            // The server answered the import; the answer tells what it stored.
        }
    }

    private static int Count<T>(List<T> items)
    {
        lock (items)
        {
            return items.Count;
        }
    }

    private static Task WaitUntilAsync(Func<bool> condition) => WaitUntilAsync(() => Task.FromResult(condition()));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("the condition did not hold within 15 s");
    }
}
