namespace DocStream.Core.Storage;

/// <summary>
/// Wakes whatever waits for the store's next change (watches). It follows the change feed, so every write through
/// this process wakes the waiters when it returns; writes through other processes wake them when the store says so
/// (<see cref="IChangeFeed.ListenAsync"/>). A wake-up says only "read the feed again": waiters read what changed
/// from the store, so one missed or spurious wake-up costs a delay or a read, never an event. Thread-safe.
/// </summary>
public sealed class ChangeNotifications : IChangeFeedFollower
{
    private TaskCompletionSource _next = NewSignal();
    private long _generation;

    /// <summary>
    /// Completes at the first notification after this call. Take it before reading the feed, so that a change
    /// committed between the read and the wait still wakes the waiter.
    /// </summary>
    public Task NextChange => Volatile.Read(ref _next).Task;

    /// <summary>
    /// How many notifications there have been. A read of the feed that starts after this was read sees every write
    /// notified up to it: writes notify after they commit.
    /// </summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>Wakes every waiter.</summary>
    public void Notify()
    {
        Interlocked.Increment(ref _generation);
        Interlocked.Exchange(ref _next, NewSignal()).TrySetResult();
    }

    /// <inheritdoc />
    Task IChangeFeedFollower.InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    Task IChangeFeedFollower.CatchUpAsync(CancellationToken cancellationToken)
    {
        Notify();
        return Task.CompletedTask;
    }

    // Waiters run on the thread pool, not inline in the writer that notifies.
    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
