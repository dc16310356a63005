using DocStream.Core.Documents;

namespace DocStream.Core.Storage;

/// <summary>
/// The store's change feed. Every write (insert, re-parse, delete) takes the next change number before it touches a
/// document, and the numbers become visible in the order the writes commit; a document appears once, at the number
/// of its latest write, and a deleted one as its deletion. Applying the
/// changes in order yields the store's state as of the last one, even for an id deleted and stored again (its
/// deletion comes first). A reader that has seen change n never later finds a smaller one.
/// </summary>
public interface IChangeFeed
{
    /// <summary>
    /// Reads up to <paramref name="limit"/> changes numbered after <paramref name="afterChange"/>, in change order,
    /// each document holding <paramref name="parts"/>.
    /// </summary>
    Task<IReadOnlyList<DocumentChange>> ReadAsync(long afterChange, int limit, DocumentParts parts, CancellationToken cancellationToken);

    /// <summary>The number of the latest committed change; 0 when nothing was ever written.</summary>
    Task<long> GetLastChangeAsync(CancellationToken cancellationToken);
}

/// <summary>One entry of the change feed.</summary>
/// <param name="Change">The change number: increasing in the order the writes were committed.</param>
/// <param name="Id">The document id.</param>
/// <param name="Document">The document as stored now; null when the change is its deletion.</param>
public sealed record DocumentChange(long Change, string Id, StoredDocument? Document);
