using System.Data.Common;
using System.Security.Cryptography;
using DocStream.Core.Documents;
using DocStream.Core.Documents.Wire;
using DocStream.Core.Parsing;
using DocStream.Core.Storage;
using static DocStream.Storage.DbCommands;

namespace DocStream.Storage;

/// <summary>
/// The store's writes. Each takes its change number from the one-row <c>change_counter</c> table before it touches
/// a document (see <see cref="NextChangeAsync"/>), and gives the number back when it changed nothing.
/// </summary>
/// <param name="database">The database to write.</param>
/// <param name="reader">Reads back documents that were already stored.</param>
internal sealed class RelationalDocumentWriter(RelationalDatabase database, RelationalDocumentReader reader) : IDocumentWriter
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<AddResult>> AddAsync(IReadOnlyList<NewDocument> documents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var results = new AddResult?[documents.Count];
        await using (var connection = await database.OpenAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            for (var i = 0; i < documents.Count; i++)
            {
                results[i] = await InsertAsync(connection, transaction, documents[i], cancellationToken);
            }

            if (results.Any(result => result is not null))
            {
                await NotifyAsync(connection, transaction, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        for (var i = 0; i < documents.Count; i++)
        {
            results[i] ??= new AddResult(
                await reader.FindAsync(documents[i].Id, DocumentParts.Basic, cancellationToken)
                    ?? throw new InvalidOperationException($"Document {documents[i].Id} conflicted on insert but cannot be read."),
                Created: false);
        }

        return results!;
    }

    /// <inheritdoc />
    public async Task<int> ReplaceParsedAsync(IReadOnlyList<ParsedReplacement> replacements, int parserVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(replacements);
        var replaced = 0;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var (id, parsed) in replacements)
        {
            var change = await NextChangeAsync(connection, transaction, cancellationToken);
            var sequence = await ScalarAsync(connection, transaction,
                """
                UPDATE documents SET title = @title, published_micros = @published, language_code = @language, meta_pb = @meta,
                    meta_json = '', content_pb = @content, content_json = '', parser_version = @parser, etag = @etag, change_seq = @change
                WHERE id = @id
                RETURNING seq
                """,
                [
                    ("id", id), ("title", parsed.Title), ("published", Micros.From(parsed.PublishedTime)), ("language", parsed.LanguageCode),
                    ("meta", MetadataWireFormat.Encode(parsed)), ("content", ContentWireFormat.Encode(parsed.Body, parsed.ReadAlso)),
                    ("parser", parserVersion), ("etag", NewEtag()), ("change", change),
                ],
                cancellationToken);
            if (sequence is null)
            {
                // The document is gone: give the number back, so that the counter stays the number of the latest change.
                await GiveBackChangeAsync(connection, transaction, cancellationToken);
                continue;
            }

            var seq = Convert.ToInt64(sequence, System.Globalization.CultureInfo.InvariantCulture);
            await ScalarAsync(connection, transaction, "DELETE FROM document_sources WHERE seq = @seq", [("seq", seq)], cancellationToken);
            await InsertSourcesAsync(connection, transaction, seq, parsed.Sources, cancellationToken);
            replaced++;
        }

        if (replaced > 0)
        {
            await NotifyAsync(connection, transaction, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return replaced;
    }

    /// <inheritdoc />
    public async Task<DeleteOutcome> DeleteAsync(string id, string? expectedEtag, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var change = await NextChangeAsync(connection, transaction, cancellationToken);
        var deleted = expectedEtag is null
            ? await ScalarAsync(connection, transaction, "DELETE FROM documents WHERE id = @id RETURNING seq", [("id", id)], cancellationToken)
            : await ScalarAsync(connection, transaction, "DELETE FROM documents WHERE id = @id AND etag = @etag RETURNING seq",
                [("id", id), ("etag", expectedEtag)], cancellationToken);
        if (deleted is null)
        {
            // Not committed: disposing the transaction rolls back, and returns, the change number.
            var exists = await ScalarAsync(connection, transaction, "SELECT 1 FROM documents WHERE id = @id", [("id", id)], cancellationToken);
            return exists is null ? DeleteOutcome.NotFound : DeleteOutcome.EtagMismatch;
        }

        await ScalarAsync(connection, transaction, "DELETE FROM document_sources WHERE seq = @seq", [("seq", deleted)], cancellationToken);
        // The database's clock, not this instance's: retention must not depend on how far apart the instances' clocks are.
        await ScalarAsync(connection, transaction, $"INSERT INTO document_tombstones (change_seq, id, deleted_micros) VALUES (@change, @id, {database.Dialect.NowMicros})",
            [("change", change), ("id", id)], cancellationToken);
        await NotifyAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return DeleteOutcome.Deleted;
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

    // Delivered when the transaction commits, never if it rolls back.
    private async Task NotifyAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (database.Dialect.NotifyChanges is { Length: > 0 } notify)
        {
            await ScalarAsync(connection, transaction, notify, [("origin", database.Origin)], cancellationToken);
        }
    }

    // This transaction holds the counter's row lock, so no other writer has taken a number since.
    private static Task GiveBackChangeAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        ScalarAsync(connection, transaction, "UPDATE change_counter SET value = value - 1 WHERE id = 1", [], cancellationToken);

    private static async Task<AddResult?> InsertAsync(DbConnection connection, DbTransaction transaction, NewDocument document, CancellationToken cancellationToken)
    {
        var parsed = document.Parsed;
        var etag = NewEtag();
        var createMicros = Micros.Now();
        var metadata = MetadataWireFormat.Encode(parsed);
        var change = await NextChangeAsync(connection, transaction, cancellationToken);
        var sequence = await ScalarAsync(connection, transaction,
            """
            INSERT INTO documents (id, content_sha256, source_uri, raw_content, size_bytes, title, published_micros,
                language_code, meta_pb, meta_json, content_pb, content_json, parser_version, create_micros, etag, change_seq, created_change)
            VALUES (@id, @sha, @uri, @raw, @size, @title, @published, @language, @meta, '', @content, '', @parser, @created, @etag, @change, @change)
            ON CONFLICT (id) DO NOTHING
            RETURNING seq
            """,
            [
                ("id", document.Id), ("sha", document.ContentSha256), ("uri", document.SourceUri),
                ("raw", document.RawContent), ("size", (long)document.RawContent.Length), ("title", parsed.Title),
                ("published", Micros.From(parsed.PublishedTime)), ("language", parsed.LanguageCode),
                ("meta", metadata), ("content", ContentWireFormat.Encode(parsed.Body, parsed.ReadAlso)),
                ("parser", ArticleParser.Version), ("created", createMicros), ("etag", etag), ("change", change),
            ],
            cancellationToken);
        if (sequence is null)
        {
            await GiveBackChangeAsync(connection, transaction, cancellationToken);
            return null;
        }

        var seq = Convert.ToInt64(sequence, System.Globalization.CultureInfo.InvariantCulture);
        await InsertSourcesAsync(connection, transaction, seq, parsed.Sources, cancellationToken);
        var stored = new StoredDocument(seq, document.Id, document.ContentSha256, document.SourceUri, document.RawContent.Length,
            ArticleParser.Version, Micros.ToTime(createMicros), etag, DocumentParts.Basic, rawContent: null, metadata, body: default);
        return new AddResult(stored, Created: true);
    }

    private static async Task InsertSourcesAsync(
        DbConnection connection, DbTransaction transaction, long sequence, IEnumerable<string> sources, CancellationToken cancellationToken)
    {
        foreach (var source in sources)
        {
            await ScalarAsync(connection, transaction, "INSERT INTO document_sources (seq, source) VALUES (@seq, @source) ON CONFLICT DO NOTHING",
                [("seq", sequence), ("source", source)], cancellationToken);
        }
    }

    private static string NewEtag() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
