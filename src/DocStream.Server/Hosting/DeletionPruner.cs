using DocStream.Core.Storage;
using Microsoft.Extensions.Options;

namespace DocStream.Server.Hosting;

/// <summary>
/// Prunes deletions older than <see cref="WatchOptions.DeletionRetention"/> from the change feed, every
/// <see cref="WatchOptions.PruneInterval"/>. The feed records how far it has pruned, so a watch whose token needed one
/// of them fails with RESUME_TOKEN_EXPIRED instead of missing it. Every instance prunes; they agree on the result.
/// </summary>
public sealed partial class DeletionPruner(IChangeFeed changes, IOptions<WatchOptions> options, TimeProvider time, ILogger<DeletionPruner> logger)
    : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var timer = new PeriodicTimer(settings.PruneInterval, time);
        do
        {
            try
            {
                var pruned = await changes.PruneDeletionsAsync(time.GetUtcNow() - settings.DeletionRetention, stoppingToken);
                if (pruned > 0)
                {
                    LogPruned(pruned, settings.DeletionRetention);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogPruneFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pruned {Count} deletions older than {Retention} from the change feed")]
    private partial void LogPruned(int count, TimeSpan retention);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pruning old deletions failed; retrying at the next interval")]
    private partial void LogPruneFailed(Exception exception);
}
