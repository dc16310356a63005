using DocStream.Core.Paging;
using Grpc.Core;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DocStream.Server.Hosting;

/// <summary>
/// What the server knows only once the store is open: the token codec (its key lives in the store) and whether
/// the sample corpus has finished loading.
/// </summary>
public sealed class ServiceReadiness
{
    private CursorTokenCodec? _tokens;

    /// <summary>True once the store is open and the sample corpus, if any, is loaded.</summary>
    public bool IsServing { get; private set; }

    /// <summary>The token codec.</summary>
    /// <exception cref="RpcException">UNAVAILABLE while the store is still opening.</exception>
    public CursorTokenCodec Tokens =>
        _tokens ?? throw new RpcException(new Status(StatusCode.Unavailable, "DocStream is still opening its store; retry in a moment"));

    internal void StoreOpened(CursorTokenCodec tokens) => _tokens = tokens;

    internal void CorpusLoaded() => IsServing = true;
}

/// <summary>Reports the server unhealthy (gRPC NOT_SERVING) until <see cref="ServiceReadiness.IsServing"/>.</summary>
/// <param name="readiness">The server's readiness.</param>
public sealed class ReadinessHealthCheck(ServiceReadiness readiness) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(readiness.IsServing
            ? HealthCheckResult.Healthy("store open, corpus loaded")
            : HealthCheckResult.Unhealthy("opening the store or loading the sample corpus"));
}
