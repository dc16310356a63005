using System.Data.Common;
using System.Globalization;
using static DocStream.Storage.DbCommands;

namespace DocStream.Storage;

/// <summary>
/// The document frequencies that the documents grouped so far in one transaction add to <c>story_terms</c>, held
/// until <see cref="FlushAsync"/> writes them together. Each grouped document counts each of its several hundred
/// distinct terms once; writing them per document was most of grouping's cost (an upserted row per term per
/// document, a heap update each on PostgreSQL), while a batch's documents share most of their terms. Reads through
/// <see cref="RelationalStoryIndex.StatisticsAsync"/> add what is pending here, so every document still sees the
/// counts of all the documents grouped before it, as if each had been written at once.
/// </summary>
internal sealed class PendingTermCounts
{
    private readonly Dictionary<long, long> _counts = [];

    /// <summary>Counts one more document for each of <paramref name="terms"/>.</summary>
    public void Add(IEnumerable<long> terms)
    {
        foreach (var term in terms)
        {
            _counts[term] = _counts.GetValueOrDefault(term) + 1;
        }
    }

    /// <summary>The documents counted for <paramref name="term"/> and not yet written.</summary>
    public long Of(long term) => _counts.GetValueOrDefault(term);

    /// <summary>Adds every pending count to <c>story_terms</c> inside <paramref name="transaction"/>, one statement per distinct count.</summary>
    public async Task FlushAsync(RelationalDatabase database, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var list = string.Format(CultureInfo.InvariantCulture, database.Dialect.LongList, "@terms");
        foreach (var group in _counts.GroupBy(pair => pair.Value, pair => pair.Key))
        {
            await ScalarAsync(connection, transaction,
                $"""
                INSERT INTO story_terms (term, documents) SELECT l.value, @count FROM {list} AS l WHERE true
                ON CONFLICT (term) DO UPDATE SET documents = story_terms.documents + excluded.documents
                """,
                [("terms", database.Dialect.LongListValue([.. group])), ("count", group.Key)], cancellationToken);
        }

        _counts.Clear();
    }
}
