using DocStream.Contracts.V1;
using DocStream.Server.Grpc;
using DocStream.Server.Hosting;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DocStream.Server.Tests.Grpc;

public sealed class DrainInterceptorTests : IDisposable
{
    private readonly ApplicationLifetime _lifetime = new(NullLogger<ApplicationLifetime>.Instance);
    private readonly ShutdownDrain _drain;
    private readonly DrainInterceptor _interceptor;

    public DrainInterceptorTests()
    {
        _drain = new ShutdownDrain(_lifetime, Options.Create(new ShutdownOptions { DrainTimeout = TimeSpan.Zero }), NullLogger<ShutdownDrain>.Instance);
        _interceptor = new DrainInterceptor(_drain);
    }

    [Fact]
    public async Task Unary_ServerStopping_IsRefusedWithoutRunning()
    {
        _lifetime.StopApplication();
        var ran = false;

        var error = await Assert.ThrowsAsync<RpcException>(() => _interceptor.UnaryServerHandler<string, string>("request", new FakeCallContext("/docstream.v1.DocumentService/GetDocument"),
            (_, _) =>
            {
                ran = true;
                return Task.FromResult("response");
            }));

        AssertShuttingDown(error);
        Assert.Contains("takes no new calls", error.Status.Detail, StringComparison.Ordinal);
        Assert.False(ran);
    }

    [Fact]
    public async Task Unary_HealthWhileStopping_Runs()
    {
        _lifetime.StopApplication();

        Assert.Equal("answered", await _interceptor.UnaryServerHandler<string, string>("request", new FakeCallContext("/grpc.health.v1.Health/Check"),
            (_, _) => Task.FromResult("answered")));
    }

    [Fact]
    public async Task ServerStreaming_DrainEnds_CancelsTheCallAndEndsItShuttingDown()
    {
        var context = new FakeCallContext("/docstream.v1.DocumentService/StreamDocuments");

        var error = await Assert.ThrowsAsync<RpcException>(() => _interceptor.ServerStreamingServerHandler<string, string>("request", null!, context, async (_, _, call) =>
        {
            _lifetime.StopApplication();
            await Task.Delay(Timeout.Infinite, call.CancellationToken);
        }));

        AssertShuttingDown(error);
        Assert.Contains("resume_token", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerStreaming_ClientGoesAwayWhileStopping_StaysCancelled()
    {
        var context = new FakeCallContext("/docstream.v1.DocumentService/StreamDocuments");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _interceptor.ServerStreamingServerHandler<string, string>("request", null!, context, async (_, _, call) =>
        {
            context.ClientGoesAway();
            _lifetime.StopApplication();
            await Task.Delay(Timeout.Infinite, call.CancellationToken);
        }));
    }

    [Fact]
    public async Task ClientStreaming_DrainEnds_InputEndsAndTheAnswerIsADetailOfShuttingDown()
    {
        var context = new FakeCallContext("/docstream.v1.DocumentService/ImportDocuments");
        var read = 0;

        ClientStreamingServerMethod<string, ImportDocumentsResponse> import = async (input, _) =>
        {
            while (await input.MoveNext(CancellationToken.None))
            {
                read++;
                _lifetime.StopApplication();
            }

            return new ImportDocumentsResponse { CreatedCount = read };
        };

        var error = await Assert.ThrowsAsync<RpcException>(() => _interceptor.ClientStreamingServerHandler(new EndlessReader(), context, import));

        AssertShuttingDown(error);
        Assert.Equal(1, read);
        Assert.Equal(1, error.GetRpcStatus()!.GetDetail<ImportDocumentsResponse>().CreatedCount);
    }

    [Fact]
    public async Task StoppingAsync_CallInFlight_WaitsUntilItExits()
    {
        Assert.True(_drain.TryEnterCall());
        _lifetime.StopApplication();

        var stopping = _drain.StoppingAsync(CancellationToken.None);
        Assert.False(stopping.IsCompleted);
        _drain.ExitCall();

        await stopping;
        Assert.False(_drain.TryEnterCall());
    }

    [Fact]
    public async Task StoppingAsync_HostStoppedInCodeBeforeTheLifetimeSignals_BeginsTheDrainItself()
    {
        await _drain.StoppingAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(_drain.IsStopping);
        Assert.False(_drain.TryEnterCall());
    }

    public void Dispose() => _drain.Dispose();

    private static void AssertShuttingDown(RpcException error)
    {
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal("SERVER_SHUTTING_DOWN", error.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
    }

    /// <summary>A client stream that always has one more item.</summary>
    private sealed class EndlessReader : IAsyncStreamReader<string>
    {
        public string Current => "item";

        public Task<bool> MoveNext(CancellationToken cancellationToken) => Task.FromResult(true);
    }

    private sealed class FakeCallContext(string method) : ServerCallContext
    {
        private readonly CancellationTokenSource _clientGone = new();

        public void ClientGoesAway() => _clientGone.Cancel();

        protected override string MethodCore => method;

        protected override string HostCore => "localhost";

        protected override string PeerCore => "ipv4:127.0.0.1:1";

        protected override DateTime DeadlineCore => DateTime.MaxValue;

        protected override Metadata RequestHeadersCore { get; } = [];

        protected override CancellationToken CancellationTokenCore => _clientGone.Token;

        protected override Metadata ResponseTrailersCore { get; } = [];

        protected override global::Grpc.Core.Status StatusCore { get; set; }

        protected override WriteOptions? WriteOptionsCore { get; set; }

        protected override AuthContext AuthContextCore => new(null, []);

        // Where GetHttpContext finds the HttpContext of a context that is not grpc-dotnet's own.
        protected override IDictionary<object, object> UserStateCore { get; } =
            new Dictionary<object, object> { ["__HttpContext"] = new Microsoft.AspNetCore.Http.DefaultHttpContext() };

        protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) => throw new NotSupportedException();

        protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
    }
}
