using System.Data.Common;
using DocStream.Core.Documents;
using DocStream.Core.Storage;
using static DocStream.Storage.DbCommands;

namespace DocStream.Storage;

/// <summary>The change feed: every write takes the next change number, so followers (search indexes) can catch up.</summary>
public abstract partial class RelationalDocumentStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<DocumentChange>> ReadChangesAsync(long afterChange, int limit, CancellationToken cancellationToken)
    {
        // One statement, so one snapshot: on PostgreSQL a later change cannot be seen without every earlier one
        // (see NextChangeAsync), so nothing numbered at or below the last change returned can turn up later.
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = CreateCommand(connection, null,
            $"""
            SELECT {MetadataColumns}, d.content_pb, d.content_json, c.change_seq, c.id
            FROM (SELECT change_seq, id FROM documents WHERE change_seq > @after
                  UNION ALL
                  SELECT change_seq, id FROM document_tombstones WHERE change_seq > @after
                  ORDER BY change_seq LIMIT @limit) c
            LEFT JOIN documents d ON d.change_seq = c.change_seq AND d.id = c.id
            ORDER BY c.change_seq
            """,
            [("after", afterChange), ("limit", limit)]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var changes = new List<DocumentChange>();
        while (await reader.ReadAsync(cancellationToken))
        {
            StoredDocument? document = null;
            if (!reader.IsDBNull(0))
            {
                document = ReadDocument(reader, ContentRead.None);
                document = document with { Parsed = WithContent(document.Parsed, reader, MetadataColumnCount) };
            }

            changes.Add(new DocumentChange(reader.GetInt64(MetadataColumnCount + 2), reader.GetString(MetadataColumnCount + 3), document));
        }

        return changes;
    }

    /// <inheritdoc />
    public async Task<long> GetLastChangeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return Convert.ToInt64(await ScalarAsync(connection, null, "SELECT value FROM change_counter WHERE id = 1", [], cancellationToken),
            System.Globalization.CultureInfo.InvariantCulture);
    }


    /// <summary>
    /// Takes the next change number. Every write transaction calls this before it touches a document, so writers
    /// always lock the counter first and cannot deadlock on each other. On PostgreSQL the UPDATE holds the counter
    /// row's lock until the transaction ends, which serialises writers: a transaction gets number n + 1 only after
    /// the one that took n has committed (or rolled back, returning n). Change numbers therefore become visible in
    /// increasing order, and a reader that has seen change n never later finds a smaller one. SQLite has a single
    /// writer anyway.
    /// </summary>
    private static async Task<long> NextChangeAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Convert.ToInt64(
            await ScalarAsync(connection, transaction, "UPDATE change_counter SET value = value + 1 WHERE id = 1 RETURNING value", [], cancellationToken)
                ?? throw new InvalidOperationException("The change counter is missing."),
            System.Globalization.CultureInfo.InvariantCulture);
}
