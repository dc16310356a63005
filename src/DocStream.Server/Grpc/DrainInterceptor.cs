using DocStream.Server.Hosting;
using DocStream.Server.Security;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace DocStream.Server.Grpc;

/// <summary>
/// Carries out <see cref="ShutdownDrain"/> on DocStream's calls: refuses new ones once the server is stopping, and at the
/// drain's end stops the ones still in flight with UNAVAILABLE <c>SERVER_SHUTTING_DOWN</c>. A client stream (an import)
/// is not cancelled but cut: the service sees its input end, commits what it read and answers, and the answer is sent
/// as a detail of that status, so the client learns what was stored. Health and reflection are left alone, so that
/// health can say NOT_SERVING while the server drains.
/// </summary>
public sealed class DrainInterceptor(ShutdownDrain drain) : Interceptor
{
    private static readonly string[] InfrastructurePrefixes = [.. RpcRoles.HealthAndReflection.Select(service => $"/{service}/")];

    /// <inheritdoc />
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (IsInfrastructure(context))
        {
            return await continuation(request, context);
        }

        Enter();
        try
        {
            using var call = new DrainingCallContext(context, drain.DrainEnded);
            return await continuation(request, call);
        }
        catch (Exception ex) when (EndedByDrain(ex, context))
        {
            throw RpcErrors.ShuttingDown(RpcErrors.ShuttingDownRetry);
        }
        finally
        {
            drain.ExitCall();
        }
    }

    /// <inheritdoc />
    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        if (IsInfrastructure(context))
        {
            await continuation(request, responseStream, context);
            return;
        }

        Enter();
        try
        {
            using var call = new DrainingCallContext(context, drain.DrainEnded);
            await continuation(request, new DrainingResponseStream<TResponse>(responseStream, drain.DrainEnded, context.CancellationToken), call);
        }
        catch (Exception ex) when (EndedByDrain(ex, context))
        {
            throw RpcErrors.ShuttingDown();
        }
        finally
        {
            drain.ExitCall();
        }
    }

    /// <inheritdoc />
    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        if (IsInfrastructure(context))
        {
            return await continuation(requestStream, context);
        }

        Enter();
        try
        {
            var input = new DrainingRequestStream<TRequest>(requestStream, drain.DrainEnded);
            var response = await continuation(input, context);
            return input.Cut
                ? throw RpcErrors.ShuttingDown(RpcErrors.ShuttingDownCutInput, response as IMessage)
                : response;
        }
        finally
        {
            drain.ExitCall();
        }
    }

    /// <inheritdoc />
    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        if (IsInfrastructure(context))
        {
            await continuation(requestStream, responseStream, context);
            return;
        }

        Enter();
        try
        {
            var input = new DrainingRequestStream<TRequest>(requestStream, drain.DrainEnded);
            await continuation(input, responseStream, context);
            if (input.Cut)
            {
                throw RpcErrors.ShuttingDown(RpcErrors.ShuttingDownCutInput);
            }
        }
        finally
        {
            drain.ExitCall();
        }
    }

    /// <summary>Health and reflection: they answer until Kestrel stops.</summary>
    private static bool IsInfrastructure(ServerCallContext context) =>
        InfrastructurePrefixes.Any(prefix => context.Method.StartsWith(prefix, StringComparison.Ordinal));

    private void Enter()
    {
        if (!drain.TryEnterCall())
        {
            throw RpcErrors.ShuttingDown(RpcErrors.ShuttingDownRefused);
        }
    }

    /// <summary>
    /// Whether the call failed because the drain cancelled it (which the error translation inside reports as CANCELLED),
    /// not because its client went away.
    /// </summary>
    private bool EndedByDrain(Exception exception, ServerCallContext context) =>
        exception is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled }
        && drain.DrainEnded.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested;

    /// <summary>The call's context with a token that is also cancelled when the drain ends.</summary>
    private sealed class DrainingCallContext : ServerCallContext, IDisposable
    {
        /// <summary>
        /// Where <c>GetHttpContext</c> looks for the HttpContext in a context that is not grpc-dotnet's own; the
        /// interceptor pipeline calls it on the context each interceptor passes on.
        /// </summary>
        private const string HttpContextKey = "__HttpContext";

        private readonly ServerCallContext _inner;
        private readonly CancellationTokenSource _cancellation;

        public DrainingCallContext(ServerCallContext inner, CancellationToken drainEnded)
        {
            _inner = inner;
            _cancellation = CancellationTokenSource.CreateLinkedTokenSource(inner.CancellationToken, drainEnded);
            inner.UserState[HttpContextKey] = inner.GetHttpContext();
        }

        protected override string MethodCore => _inner.Method;

        protected override string HostCore => _inner.Host;

        protected override string PeerCore => _inner.Peer;

        protected override DateTime DeadlineCore => _inner.Deadline;

        protected override Metadata RequestHeadersCore => _inner.RequestHeaders;

        protected override CancellationToken CancellationTokenCore => _cancellation.Token;

        protected override Metadata ResponseTrailersCore => _inner.ResponseTrailers;

        protected override Status StatusCore
        {
            get => _inner.Status;
            set => _inner.Status = value;
        }

        protected override WriteOptions? WriteOptionsCore
        {
            get => _inner.WriteOptions;
            set => _inner.WriteOptions = value;
        }

        protected override AuthContext AuthContextCore => _inner.AuthContext;

        protected override IDictionary<object, object> UserStateCore => _inner.UserState;

        public void Dispose() => _cancellation.Dispose();

        protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) => _inner.CreatePropagationToken(options);

        protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => _inner.WriteResponseHeadersAsync(responseHeaders);
    }

    /// <summary>
    /// A response stream that stops between messages when the drain ends. A write in progress is never cancelled by the
    /// drain (grpc-dotnet resets the stream when a write is cancelled): it finishes, so the client has whole messages, the
    /// last with the resume token that covers them, and then the status.
    /// </summary>
    private sealed class DrainingResponseStream<T>(IServerStreamWriter<T> inner, CancellationToken drainEnded, CancellationToken callCancelled)
        : IServerStreamWriter<T>
    {
        public WriteOptions? WriteOptions
        {
            get => inner.WriteOptions;
            set => inner.WriteOptions = value;
        }

        public Task WriteAsync(T message) => WriteAsync(message, CancellationToken.None);

        public Task WriteAsync(T message, CancellationToken cancellationToken)
        {
            drainEnded.ThrowIfCancellationRequested();
            return inner.WriteAsync(message, callCancelled);
        }
    }

    /// <summary>A request stream that ends, as if the client had finished, when the drain ends.</summary>
    private sealed class DrainingRequestStream<T>(IAsyncStreamReader<T> inner, CancellationToken drainEnded) : IAsyncStreamReader<T>
    {
        /// <summary>True when the drain ended the input before the client did.</summary>
        public bool Cut { get; private set; }

        public T Current => inner.Current;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            if (drainEnded.IsCancellationRequested)
            {
                Cut = true;
                return false;
            }

            using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, drainEnded);
            try
            {
                return await inner.MoveNext(reading.Token);
            }
            catch (Exception) when (drainEnded.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                Cut = true;
                return false;
            }
        }
    }
}
