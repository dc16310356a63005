using DocStream.Core.Documents;
using DocStream.Core.Storage;

namespace DocStream.Search.Tests.Indexing;

/// <summary>A store's reader that counts its page reads and can be told to fail one, for the rebuild tests.</summary>
public sealed class CountingReader(IDocumentReader inner) : IDocumentReader
{
    public int PageReads { get; private set; }

    /// <summary>The page read (1-based) that throws, as a store going away would.</summary>
    public int? FailPageRead { get; set; }

    public Task<StoredDocument?> FindAsync(string id, DocumentParts parts, CancellationToken cancellationToken) =>
        inner.FindAsync(id, parts, cancellationToken);

    /// <summary>When set, page reads wait for it: a rebuild held halfway.</summary>
    public TaskCompletionSource? Gate { get; set; }

    public async Task<DocumentPage> ReadAsync(DocumentQuery query, CancellationToken cancellationToken)
    {
        if (++PageReads == FailPageRead)
        {
            throw new IOException("the store went away");
        }

        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        return await inner.ReadAsync(query, cancellationToken);
    }

    public Task<long> CountAsync(CancellationToken cancellationToken) => inner.CountAsync(cancellationToken);
}
