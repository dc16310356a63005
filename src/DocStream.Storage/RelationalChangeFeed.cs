using System.Globalization;
using System.Text;
using DocStream.Core.Documents;
using DocStream.Core.Storage;
using static DocStream.Storage.DbCommands;

namespace DocStream.Storage;

/// <summary>
/// The change feed: documents by their <c>change_seq</c> and deletions by their tombstones, merged in change order.
/// </summary>
/// <param name="database">The database to read.</param>
internal sealed class RelationalChangeFeed(RelationalDatabase database) : IChangeFeed
{
    /// <inheritdoc />
    public async Task<ChangePage> ReadAsync(ChangeQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        await using var connection = await database.OpenAsync(cancellationToken);
        // Every change up to the counter read first is committed, so the read below sees them all: a page that ends
        // before its limit covers at least that far. The pruning mark is read last, so a prune that raced the read
        // shows.
        var head = await LastChangeAsync(connection, cancellationToken);
        var parts = query.Parts;
        var sql = new StringBuilder(
            $"""
            SELECT {DocumentRows.Columns(parts)}, c.change_seq, c.id, d.created_change
            FROM (SELECT d.change_seq, d.id FROM documents d WHERE d.change_seq > @after
            """);
        var parameters = new List<(string, object?)> { ("after", query.AfterChange), ("limit", query.Limit) };
        if (!query.Filter.IsEmptyRange)
        {
            FilterConditions.Append(sql, parameters, query.Filter);
        }
        else
        {
            sql.Append(" AND 1 = 0");
        }

        // One statement, so one snapshot: on PostgreSQL a later change cannot be seen without every earlier one
        // (writers take their numbers in commit order), so nothing numbered at or below the last change returned can
        // turn up later.
        sql.Append(
            """

                  UNION ALL
                  SELECT change_seq, id FROM document_tombstones WHERE change_seq > @after
                  ORDER BY change_seq LIMIT @limit) c
            LEFT JOIN documents d ON d.change_seq = c.change_seq AND d.id = c.id
            ORDER BY c.change_seq
            """);
        var changes = new List<DocumentChange>();
        var full = false;
        await using (var command = CreateCommand(connection, null, sql.ToString(), parameters))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            var changeOrdinal = DocumentRows.ColumnCount(parts);
            long bytes = 0;
            while (await reader.ReadAsync(cancellationToken))
            {
                var document = reader.IsDBNull(0) ? null : DocumentRows.Read(reader, parts);
                changes.Add(new DocumentChange(
                    reader.GetInt64(changeOrdinal), reader.GetString(changeOrdinal + 1), document, document is null ? 0 : reader.GetInt64(changeOrdinal + 2)));
                bytes += document?.SerializedSize ?? 0;
                if (bytes >= query.MaxBytes)
                {
                    // As in the document reader: no row is stepped to only to be left out.
                    full = true;
                    break;
                }
            }
        }

        full |= changes.Count == query.Limit;
        var prunedThrough = Convert.ToInt64(
            await ScalarAsync(connection, null, "SELECT pruned_through FROM change_counter WHERE id = 1", [], cancellationToken), CultureInfo.InvariantCulture);
        var readThrough = full ? changes[^1].Change : Math.Max(head, changes.Count > 0 ? changes[^1].Change : query.AfterChange);
        return new ChangePage(changes, Math.Max(readThrough, query.AfterChange), prunedThrough) { MoreMayFollow = full };
    }

    /// <inheritdoc />
    public async Task<long> GetLastChangeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await LastChangeAsync(connection, cancellationToken);
    }

    /// <inheritdoc />
    public Task ListenAsync(Action changed, CancellationToken cancellationToken) => database.ListenForChangesAsync(changed, cancellationToken);

    /// <inheritdoc />
    public async Task<int> PruneDeletionsAsync(DateTimeOffset deletedBefore, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Only committed deletions are seen, and the mark and the deletions move in one transaction.
        var newest = await ScalarAsync(connection, transaction,
            "SELECT MAX(change_seq) FROM document_tombstones WHERE deleted_micros < @before", [("before", Micros.From(deletedBefore))], cancellationToken);
        if (newest is null or DBNull)
        {
            return 0;
        }

        var through = Convert.ToInt64(newest, CultureInfo.InvariantCulture);
        await ScalarAsync(connection, transaction, "UPDATE change_counter SET pruned_through = @through WHERE id = 1 AND pruned_through < @through",
            [("through", through)], cancellationToken);
        var pruned = await ExecuteCountAsync(connection, transaction, "DELETE FROM document_tombstones WHERE change_seq <= @through", [("through", through)], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return pruned;
    }

    private static async Task<long> LastChangeAsync(System.Data.Common.DbConnection connection, CancellationToken cancellationToken) =>
        Convert.ToInt64(await ScalarAsync(connection, null, "SELECT value FROM change_counter WHERE id = 1", [], cancellationToken), CultureInfo.InvariantCulture);
}
