using DocStream.Contracts.V1;
using DocStream.Testing;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace DocStream.Server.Tests.EndToEnd;

/// <summary>Quotas per caller on a real server: calls per second and open streams.</summary>
public sealed class QuotaTests : IAsyncLifetime
{
    private const string KeyA = "quota-key-a-81c2";
    private const string KeyB = "quota-key-b-19fe";
    private DocStreamServerProcess _server = null!;

    public async Task InitializeAsync() => _server = await DocStreamServerProcess.StartAsync(null,
        "--Quotas:RequestsPerSecond=5", "--Quotas:ConcurrentStreams=2",
        "--Auth:ApiKeys:0:Name=a", "--Auth:ApiKeys:0:Role=reader", $"--Auth:ApiKeys:0:Sha256={AuthServerFixture.Sha256(KeyA)}",
        "--Auth:ApiKeys:1:Name=b", "--Auth:ApiKeys:1:Role=reader", $"--Auth:ApiKeys:1:Sha256={AuthServerFixture.Sha256(KeyB)}");

    public Task DisposeAsync() => _server.DisposeAsync().AsTask();

    [Fact]
    public async Task Calls_OverTheRate_AreResourceExhaustedWithRetryInfo_AndOtherCallersAreNotHeldBack()
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 40).Select(async _ =>
        {
            try
            {
                await _server.Client.ListDocumentsAsync(new ListDocumentsRequest { PageSize = 1 }, Bearer(KeyA));
                return null;
            }
            catch (RpcException ex)
            {
                return ex;
            }
        }));
        await _server.Client.ListDocumentsAsync(new ListDocumentsRequest { PageSize = 1 }, Bearer(KeyB));

        var refused = outcomes.OfType<RpcException>().ToList();
        Assert.NotEmpty(refused);
        Assert.Contains(outcomes, outcome => outcome is null);
        Assert.All(refused, error =>
        {
            Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
            Assert.Equal("REQUEST_RATE_EXCEEDED", error.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
            Assert.True(error.GetRpcStatus()!.GetDetail<RetryInfo>().RetryDelay.ToTimeSpan() > TimeSpan.Zero);
        });
    }

    [Fact]
    public async Task Streams_OverTheCount_AreResourceExhausted_UntilOneCloses()
    {
        var request = new WatchDocumentsRequest { Start = WatchDocumentsRequest.Types.Start.Now };
        using var first = WatchSession.Open(ClientWith(KeyA), request);
        using (var second = WatchSession.Open(ClientWith(KeyA), request))
        {
            await first.UntilAsync(m => m.EventCase == WatchDocumentsResponse.EventOneofCase.SnapshotComplete);
            await second.UntilAsync(m => m.EventCase == WatchDocumentsResponse.EventOneofCase.SnapshotComplete);
            using var third = _server.Client.WatchDocuments(request, Bearer(KeyA));

            var error = await Assert.ThrowsAsync<RpcException>(() => third.ResponseStream.MoveNext(CancellationToken.None));

            Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
            Assert.Equal("CONCURRENT_STREAMS_EXCEEDED", error.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
        }

        // The server lets go of a stream's count when it has seen the client leave, a moment after the dispose.
        for (var attempt = 1; ; attempt++)
        {
            using var again = WatchSession.Open(ClientWith(KeyA), request);
            try
            {
                await again.UntilAsync(m => m.EventCase == WatchDocumentsResponse.EventOneofCase.SnapshotComplete);
                break;
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.ResourceExhausted && attempt < 50)
            {
                await Task.Delay(200);
            }
        }
    }

    private DocumentService.DocumentServiceClient ClientWith(string key) =>
        new(_server.Channel.Intercept(metadata =>
        {
            metadata.Add("authorization", $"Bearer {key}");
            return metadata;
        }));

    private static CallOptions Bearer(string key) => new(new Metadata { { "authorization", $"Bearer {key}" } });
}
