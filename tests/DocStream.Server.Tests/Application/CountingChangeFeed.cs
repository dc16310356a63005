using DocStream.Core.Storage;

namespace DocStream.Server.Tests.Application;

/// <summary>A change feed that counts its page reads and keeps the queries they were asked.</summary>
internal sealed class CountingChangeFeed(IChangeFeed inner) : IChangeFeed
{
    private int _reads;

    public int Reads => Volatile.Read(ref _reads);

    public System.Collections.Concurrent.ConcurrentQueue<ChangeQuery> Queries { get; } = new();

    public Task<ChangePage> ReadAsync(ChangeQuery query, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        Queries.Enqueue(query);
        return inner.ReadAsync(query, cancellationToken);
    }

    public Task<long> GetLastChangeAsync(CancellationToken cancellationToken) => inner.GetLastChangeAsync(cancellationToken);

    public Task ListenAsync(Action changed, CancellationToken cancellationToken) => inner.ListenAsync(changed, cancellationToken);

    public Task<int> PruneDeletionsAsync(DateTimeOffset deletedBefore, CancellationToken cancellationToken) =>
        inner.PruneDeletionsAsync(deletedBefore, cancellationToken);
}
