using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DocStream.Server.Hosting;

/// <summary>Whether the server is ready for calls: its store open and the sample corpus, if any, loaded.</summary>
public sealed class ServiceReadiness
{
    private volatile bool _serving;

    /// <summary>True once the store is open and the sample corpus, if any, is loaded.</summary>
    public bool IsServing => _serving;

    internal void CorpusLoaded() => _serving = true;
}

/// <summary>
/// Reports the server unhealthy (gRPC NOT_SERVING) until <see cref="ServiceReadiness.IsServing"/>, and again from the
/// moment it begins to shut down (<see cref="ShutdownDrain"/>).
/// </summary>
/// <param name="readiness">The server's readiness.</param>
/// <param name="drain">The graceful stop.</param>
public sealed class ReadinessHealthCheck(ServiceReadiness readiness, ShutdownDrain drain) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(drain.IsStopping
            ? HealthCheckResult.Unhealthy("shutting down")
            : readiness.IsServing
                ? HealthCheckResult.Healthy("store open, corpus loaded")
                : HealthCheckResult.Unhealthy("opening the store or loading the sample corpus"));
}
