using System.Threading.RateLimiting;
using DocStream.Server.Grpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Options;

namespace DocStream.Server.Security;

/// <summary>
/// Holds each caller (the authenticated name, or the remote address of an anonymous one) to its quotas: a token
/// bucket of calls per second, and a count of open streams, kept by .NET's partitioned rate limiters. Over a quota,
/// RESOURCE_EXHAUSTED with a <c>RetryInfo</c>. It runs after authentication, so a caller is whom the key says.
/// </summary>
public sealed class QuotaInterceptor : Interceptor, IDisposable
{
    private readonly PartitionedRateLimiter<string>? _requests;
    private readonly PartitionedRateLimiter<string>? _streams;

    /// <summary>Creates the limiters the options ask for.</summary>
    public QuotaInterceptor(IOptions<QuotaOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var quotas = options.Value;
        if (quotas.RequestsPerSecond > 0)
        {
            _requests = PartitionedRateLimiter.Create<string, string>(caller => RateLimitPartition.GetTokenBucketLimiter(caller, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = quotas.RequestsPerSecond,
                TokensPerPeriod = quotas.RequestsPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
        }

        if (quotas.ConcurrentStreams > 0)
        {
            _streams = PartitionedRateLimiter.Create<string, string>(caller =>
                RateLimitPartition.GetConcurrencyLimiter(caller, _ => new ConcurrencyLimiterOptions { PermitLimit = quotas.ConcurrentStreams, QueueLimit = 0 }));
        }
    }

    /// <inheritdoc />
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (_requests is not null)
        {
            CountRequest(CallerOf(context));
        }

        return continuation(request, context);
    }

    /// <inheritdoc />
    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var caller = CallerOf(context);
        CountRequest(caller);
        using var stream = OpenStream(caller);
        return await continuation(requestStream, context);
    }

    /// <inheritdoc />
    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var caller = CallerOf(context);
        CountRequest(caller);
        using var stream = OpenStream(caller);
        await continuation(request, responseStream, context);
    }

    /// <inheritdoc />
    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var caller = CallerOf(context);
        CountRequest(caller);
        using var stream = OpenStream(caller);
        await continuation(requestStream, responseStream, context);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _requests?.Dispose();
        _streams?.Dispose();
    }

    /// <summary>The caller a call counts against; null for health and reflection, which probes call freely.</summary>
    private static string? CallerOf(ServerCallContext context)
    {
        var path = context.Method.AsSpan().TrimStart('/');
        var slash = path.IndexOf('/');
        if (slash > 0 && RpcRoles.HealthAndReflection.Contains(path[..slash].ToString()))
        {
            return null;
        }

        return Caller.Of(context.GetHttpContext());
    }

    private void CountRequest(string? caller)
    {
        if (_requests is null || caller is null)
        {
            return;
        }

        using var lease = _requests.AttemptAcquire(caller);
        if (!lease.IsAcquired)
        {
            throw RpcErrors.QuotaExceeded("REQUEST_RATE_EXCEEDED", "this caller has started more calls this second than its quota (Quotas:RequestsPerSecond); wait and retry",
                lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1));
        }
    }

    private RateLimitLease? OpenStream(string? caller)
    {
        if (_streams is null || caller is null)
        {
            return null;
        }

        var lease = _streams.AttemptAcquire(caller);
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            throw RpcErrors.QuotaExceeded("CONCURRENT_STREAMS_EXCEEDED",
                "this caller already holds as many open streams as its quota (Quotas:ConcurrentStreams); close one, or retry later", TimeSpan.FromSeconds(1));
        }

        return lease;
    }
}
