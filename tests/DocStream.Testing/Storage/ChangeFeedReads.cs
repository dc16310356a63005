using DocStream.Core.Documents;
using DocStream.Core.Storage;

namespace DocStream.Testing.Storage;

/// <summary>Shorthand for tests that read a change feed without a filter or byte budget.</summary>
public static class ChangeFeedReads
{
    /// <summary>Up to <paramref name="limit"/> changes after <paramref name="afterChange"/>, holding <paramref name="parts"/>.</summary>
    public static async Task<IReadOnlyList<DocumentChange>> ReadChangesAsync(
        this IChangeFeed changes, long afterChange, int limit, DocumentParts parts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var page = await changes.ReadAsync(new ChangeQuery { AfterChange = afterChange, Limit = limit, Parts = parts }, cancellationToken);
        return page.Changes;
    }
}
