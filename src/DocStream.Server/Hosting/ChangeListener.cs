using DocStream.Core.Storage;

namespace DocStream.Server.Hosting;

/// <summary>
/// Hears of writes made through other instances on the same store (PostgreSQL's LISTEN/NOTIFY) and wakes this
/// instance's watches. When the listening connection fails it wakes them anyway (they read the feed and miss
/// nothing) and listens again a second later.
/// </summary>
public sealed partial class ChangeListener(IChangeFeed changes, ChangeNotifications notifications, ILogger<ChangeListener> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await changes.ListenAsync(notifications.Notify, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogListenFailed(ex, RetryDelay.TotalSeconds);
                notifications.Notify();
                await Task.Delay(RetryDelay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for other instances' writes failed; watches are woken and the listener retries in {Seconds} s")]
    private partial void LogListenFailed(Exception exception, double seconds);
}
