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
    public async Task<IReadOnlyList<DocumentChange>> ReadAsync(long afterChange, int limit, DocumentParts parts, CancellationToken cancellationToken)
    {
        // One statement, so one snapshot: on PostgreSQL a later change cannot be seen without every earlier one
        // (writers take their numbers in commit order), so nothing numbered at or below the last change returned can
        // turn up later.
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = CreateCommand(connection, null,
            $"""
            SELECT {DocumentRows.Columns(parts)}, c.change_seq, c.id
            FROM (SELECT change_seq, id FROM documents WHERE change_seq > @after
                  UNION ALL
                  SELECT change_seq, id FROM document_tombstones WHERE change_seq > @after
                  ORDER BY change_seq LIMIT @limit) c
            LEFT JOIN documents d ON d.change_seq = c.change_seq AND d.id = c.id
            ORDER BY c.change_seq
            """,
            [("after", afterChange), ("limit", limit)]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var changeOrdinal = DocumentRows.ColumnCount(parts);
        var changes = new List<DocumentChange>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var document = reader.IsDBNull(0) ? null : DocumentRows.Read(reader, parts);
            changes.Add(new DocumentChange(reader.GetInt64(changeOrdinal), reader.GetString(changeOrdinal + 1), document));
        }

        return changes;
    }

    /// <inheritdoc />
    public async Task<long> GetLastChangeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return Convert.ToInt64(await ScalarAsync(connection, null, "SELECT value FROM change_counter WHERE id = 1", [], cancellationToken),
            System.Globalization.CultureInfo.InvariantCulture);
    }
}
