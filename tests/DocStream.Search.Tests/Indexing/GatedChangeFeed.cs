using DocStream.Core.Storage;

namespace DocStream.Search.Tests.Indexing;

/// <summary>A store's change feed whose reads wait for a gate while it is set: a catch-up held halfway.</summary>
internal sealed class GatedChangeFeed(IChangeFeed inner) : IChangeFeed
{
    public TaskCompletionSource? Gate { get; set; }

    public async Task<ChangePage> ReadAsync(ChangeQuery query, CancellationToken cancellationToken)
    {
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        return await inner.ReadAsync(query, cancellationToken);
    }

    public Task<long> GetLastChangeAsync(CancellationToken cancellationToken) => inner.GetLastChangeAsync(cancellationToken);

    public Task ListenAsync(Action changed, CancellationToken cancellationToken) => inner.ListenAsync(changed, cancellationToken);

    public Task<int> PruneDeletionsAsync(DateTimeOffset deletedBefore, CancellationToken cancellationToken) =>
        inner.PruneDeletionsAsync(deletedBefore, cancellationToken);
}
