using System.Diagnostics;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace DocStream.Server.Telemetry;

/// <summary>
/// Measures every call that reaches a handler into <see cref="DocStreamMetrics"/>: its duration and final status, the
/// documents its responses carry, and for streaming calls how many are open. Calls grpc-dotnet refuses before any
/// handler (a message over the size limit) are in ASP.NET Core's HTTP metrics only. It runs outside the error
/// translation, so it sees the status the client gets.
/// </summary>
public sealed class CallMetricsInterceptor(DocStreamMetrics metrics) : Interceptor
{
    /// <inheritdoc />
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation) =>
        MeasureAsync(context, streaming: false, async method =>
        {
            var response = await continuation(request, context);
            metrics.Sent(method, SentDocuments.Of(response));
            return response;
        });

    /// <inheritdoc />
    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation) =>
        MeasureAsync(context, streaming: true, _ => continuation(requestStream, context));

    /// <inheritdoc />
    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation) =>
        MeasureAsync(context, streaming: true, async method =>
        {
            await continuation(request, new MeasuringWriter<TResponse>(responseStream, metrics, method), context);
            return true;
        });

    /// <inheritdoc />
    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation) =>
        MeasureAsync(context, streaming: true, async method =>
        {
            await continuation(requestStream, new MeasuringWriter<TResponse>(responseStream, metrics, method), context);
            return true;
        });

    /// <summary>Runs <paramref name="call"/> (given the method's name), recording its duration and status, and for a stream that it is open.</summary>
    private async Task<T> MeasureAsync<T>(ServerCallContext context, bool streaming, Func<string, Task<T>> call)
    {
        var method = context.Method.TrimStart('/');
        var started = Stopwatch.GetTimestamp();
        var status = StatusCode.OK;
        if (streaming)
        {
            metrics.StreamsChanged(method, +1);
        }

        try
        {
            return await call(method);
        }
        catch (Exception ex)
        {
            status = StatusOf(ex, context);
            throw;
        }
        finally
        {
            if (streaming)
            {
                metrics.StreamsChanged(method, -1);
            }

            metrics.CallEnded(method, status, Stopwatch.GetElapsedTime(started));
        }
    }

    /// <summary>
    /// The status the client gets. The error translation answers a passed deadline as CANCELLED like a client that
    /// left, but grpc-dotnet then sends DEADLINE_EXCEEDED.
    /// </summary>
    private static StatusCode StatusOf(Exception exception, ServerCallContext context) => exception switch
    {
        RpcException { StatusCode: StatusCode.Cancelled } when context.Deadline <= DateTime.UtcNow => StatusCode.DeadlineExceeded,
        RpcException rpc => rpc.StatusCode,
        _ => StatusCode.Unknown,
    };

    private sealed class MeasuringWriter<TResponse>(IServerStreamWriter<TResponse> inner, DocStreamMetrics metrics, string method) : IServerStreamWriter<TResponse>
    {
        public WriteOptions? WriteOptions
        {
            get => inner.WriteOptions;
            set => inner.WriteOptions = value;
        }

        public async Task WriteAsync(TResponse message)
        {
            await inner.WriteAsync(message);
            metrics.Sent(method, SentDocuments.Of(message));
        }

        public async Task WriteAsync(TResponse message, CancellationToken cancellationToken)
        {
            await inner.WriteAsync(message, cancellationToken);
            metrics.Sent(method, SentDocuments.Of(message));
        }
    }
}
