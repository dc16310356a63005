using DocStream.Core.Storage;
using DocStream.Search.Indexing;
using DocStream.Server.Hosting;

namespace DocStream.Server.Telemetry;

/// <summary>
/// Samples how many store changes the search index has not applied yet, every <see cref="Interval"/>, for the
/// <c>docstream.search.index.lag</c> gauge: a gauge is read synchronously at scrape time, and the store is asked
/// asynchronously.
/// </summary>
public sealed partial class IndexLagSampler(IDocumentStore store, SearchIndex index, DocStreamMetrics metrics, ServiceReadiness readiness, ILogger<IndexLagSampler> logger)
    : BackgroundService
{
    /// <summary>How often the lag is sampled.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            if (!readiness.IsServing)
            {
                continue;
            }

            try
            {
                var last = await store.Changes.GetLastChangeAsync(stoppingToken);
                metrics.IndexLag = Math.Max(0, last - (index.LastChange ?? 0));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A store that cannot answer now is the health check's business; the gauge keeps its last value.
                LogSampleFailed(ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not sample the search index lag: {Problem}")]
    private partial void LogSampleFailed(string problem);
}
