using DocStream.Core.Documents;
using DocStream.Core.Querying;

namespace DocStream.Core.Storage;

/// <summary>
/// The store's change feed. Every write (insert, re-parse, delete) takes the next change number before it touches a
/// document, and the numbers become visible in the order the writes commit; a document appears once, at the number
/// of its latest write, and a deleted one as its deletion. Applying the changes in order yields the store's state as
/// of the last one, even for an id deleted and stored again (its deletion comes first). A reader that has seen change
/// n never later finds a smaller one. Deletions are kept for a retention period and then pruned; the feed says how
/// far it has pruned, so a reader never misses one silently.
/// </summary>
public interface IChangeFeed
{
    /// <summary>Reads the changes <paramref name="query"/> selects, in change order.</summary>
    Task<ChangePage> ReadAsync(ChangeQuery query, CancellationToken cancellationToken);

    /// <summary>The number of the latest committed change; 0 when nothing was ever written.</summary>
    Task<long> GetLastChangeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Calls <paramref name="changed"/> whenever another process commits a write to the store, until cancelled or
    /// the connection it listens on fails (then it throws, and the caller listens again). Writes of this process are
    /// not announced here; where only this process writes, it just waits to be cancelled.
    /// </summary>
    Task ListenAsync(Action changed, CancellationToken cancellationToken);

    /// <summary>
    /// Forgets the deletions committed before <paramref name="deletedBefore"/>, raising
    /// <see cref="ChangePage.PrunedThrough"/> to the newest one forgotten; returns how many were.
    /// </summary>
    Task<int> PruneDeletionsAsync(DateTimeOffset deletedBefore, CancellationToken cancellationToken);
}

/// <summary>Which changes to read.</summary>
public sealed record ChangeQuery
{
    /// <summary>Only changes numbered after this; 0 from the start.</summary>
    public long AfterChange { get; init; }

    /// <summary>Most changes in the page; at least 1.</summary>
    public required int Limit { get; init; }

    /// <summary>What each document holds beyond the stored fields and the metadata.</summary>
    public DocumentParts Parts { get; init; }

    /// <summary>Which documents' changes to read; deletions are read whatever the filter.</summary>
    public DocumentFilter Filter { get; init; } = DocumentFilter.All;

    /// <summary>
    /// The bytes of serialized documents after which the page ends (with the document that reaches them), as in
    /// <see cref="DocumentQuery.MaxBytes"/>.
    /// </summary>
    public long MaxBytes { get; init; } = long.MaxValue;
}

/// <summary>One page of a <see cref="ChangeQuery"/>.</summary>
/// <param name="Changes">The changes, in change order.</param>
/// <param name="ReadThrough">
/// The change number the page covers: every change up to it that the query selects is in this page or an earlier
/// one. Past the last change returned when the page ended before its limit and the feed went further (a filter
/// that matched nothing still moves a reader forward).
/// </param>
/// <param name="PrunedThrough">
/// Deletions numbered up to this have been pruned. A reader whose <see cref="ChangeQuery.AfterChange"/> is below it
/// may have missed some; it must start again from a snapshot.
/// </param>
public sealed record ChangePage(IReadOnlyList<DocumentChange> Changes, long ReadThrough, long PrunedThrough)
{
    /// <summary>True when the page ended at its limit or byte budget, so more changes may follow at once.</summary>
    public bool MoreMayFollow { get; init; }
}

/// <summary>One entry of the change feed.</summary>
/// <param name="Change">The change number: increasing in the order the writes were committed.</param>
/// <param name="Id">The document id.</param>
/// <param name="Document">The document as stored now; null when the change is its deletion.</param>
/// <param name="CreatedChange">The change that first stored this document (this incarnation of it); 0 for a deletion.</param>
public sealed record DocumentChange(long Change, string Id, StoredDocument? Document, long CreatedChange);
