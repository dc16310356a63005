namespace DocStream.Server.Hosting;

/// <summary>How long the change history a watch resumes from is kept (configuration section <c>Watch</c>).</summary>
public sealed class WatchOptions
{
    /// <summary>
    /// How long a deletion stays in the change feed. A watch's resume token older than this may fail with
    /// OUT_OF_RANGE (<c>RESUME_TOKEN_EXPIRED</c>): the watcher starts again from a snapshot. Default 7 days.
    /// </summary>
    public TimeSpan DeletionRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often deletions older than <see cref="DeletionRetention"/> are pruned. Default 1 hour.</summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);
}
