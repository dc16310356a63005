namespace DocStream.Core.Storage;

/// <summary>
/// Something kept in step with the store's change feed, such as a search index. <see cref="FollowedDocumentWriter"/>
/// has every follower catch up after each write, so a write is visible to it when the write returns; changes made
/// elsewhere (another instance on the same database) reach it at its next catch-up.
/// </summary>
public interface IChangeFeedFollower
{
    /// <summary>
    /// Brings the follower in line with the store when the service starts, before it takes calls: catches up, or
    /// rebuilds it when it cannot (missing, stale, or from another database).
    /// </summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Applies every change committed so far and makes them visible (searchable); returns once they are.</summary>
    Task CatchUpAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Applies every change committed so far, leaving them free to become visible only at the next
    /// <see cref="CatchUpAsync"/>: for a writer with more writes to come, which catches up after its last. A follower
    /// with nothing to gain from waiting catches up.
    /// </summary>
    Task ApplyAsync(CancellationToken cancellationToken) => CatchUpAsync(cancellationToken);
}
