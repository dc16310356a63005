using DocStream.Core.Documents;
using DocStream.Core.Storage;

namespace DocStream.Search.Tests.Indexing;

/// <summary>A store's change feed whose reads wait for a gate while it is set: a catch-up held halfway.</summary>
internal sealed class GatedChangeFeed(IChangeFeed inner) : IChangeFeed
{
    public TaskCompletionSource? Gate { get; set; }

    public async Task<IReadOnlyList<DocumentChange>> ReadAsync(long afterChange, int limit, DocumentParts parts, CancellationToken cancellationToken)
    {
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        return await inner.ReadAsync(afterChange, limit, parts, cancellationToken);
    }

    public Task<long> GetLastChangeAsync(CancellationToken cancellationToken) => inner.GetLastChangeAsync(cancellationToken);
}
