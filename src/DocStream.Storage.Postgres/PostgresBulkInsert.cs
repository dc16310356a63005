using Npgsql;
using NpgsqlTypes;

namespace DocStream.Storage.Postgres;

/// <summary>
/// New documents written with binary <c>COPY</c>: a batch's rows travel as one stream instead of a statement (and a
/// round trip) per document and per source, and PostgreSQL reads them without parsing text.
/// </summary>
internal static class PostgresBulkInsert
{
    /// <summary>Fewer rows than this go row by row: a copy costs more round trips than a single insert.</summary>
    public const int MinimumRows = 2;

    private const string CopyDocuments =
        """
        COPY documents (id, content_sha256, source_uri, raw_content, size_bytes, title, published_micros, language_code, meta_pb,
            meta_json, content_pb, content_json, parser_version, create_micros, etag, change_seq, created_change, story_id, near_duplicate_of)
        FROM STDIN (FORMAT BINARY)
        """;

    private const string CopySources = "COPY document_sources (seq, source) FROM STDIN (FORMAT BINARY)";

    /// <summary>
    /// Copies <paramref name="documents"/> and their sources; returns each one's sequence. Their change numbers are
    /// consecutive and ascending, as the writer numbers them, which is how the sequences are read back.
    /// </summary>
    public static async Task<IReadOnlyList<long>> InsertAsync(NpgsqlConnection connection, IReadOnlyList<DocumentInsert> documents, CancellationToken cancellationToken)
    {
        await using (var copy = await connection.BeginBinaryImportAsync(CopyDocuments, cancellationToken))
        {
            foreach (var insert in documents)
            {
                await WriteDocumentAsync(copy, insert, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        var sequences = await SequencesAsync(connection, documents, cancellationToken);
        await using (var copy = await connection.BeginBinaryImportAsync(CopySources, cancellationToken))
        {
            for (var i = 0; i < documents.Count; i++)
            {
                foreach (var source in documents[i].Sources)
                {
                    await copy.StartRowAsync(cancellationToken);
                    await copy.WriteAsync(sequences[i], NpgsqlDbType.Bigint, cancellationToken);
                    await copy.WriteAsync(source, NpgsqlDbType.Text, cancellationToken);
                }
            }

            await copy.CompleteAsync(cancellationToken);
        }

        return sequences;
    }

    private static async Task WriteDocumentAsync(NpgsqlBinaryImporter copy, DocumentInsert insert, CancellationToken cancellationToken)
    {
        var (document, parsed) = (insert.Document, insert.Document.Parsed);
        await copy.StartRowAsync(cancellationToken);
        await copy.WriteAsync(document.Id, NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(document.ContentSha256, NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(document.SourceUri, NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(document.RawContent, NpgsqlDbType.Bytea, cancellationToken);
        await copy.WriteAsync((long)document.RawContent.Length, NpgsqlDbType.Bigint, cancellationToken);
        await copy.WriteAsync(parsed.Title, NpgsqlDbType.Text, cancellationToken);
        await WriteNullableAsync(copy, insert.PublishedMicros, NpgsqlDbType.Bigint, cancellationToken);
        await copy.WriteAsync(parsed.LanguageCode, NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(insert.Metadata, NpgsqlDbType.Bytea, cancellationToken);
        await copy.WriteAsync("", NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(insert.Content, NpgsqlDbType.Bytea, cancellationToken);
        await copy.WriteAsync("", NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(insert.ParserVersion, NpgsqlDbType.Integer, cancellationToken);
        await copy.WriteAsync(insert.CreateMicros, NpgsqlDbType.Bigint, cancellationToken);
        await copy.WriteAsync(insert.Etag, NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(insert.Change, NpgsqlDbType.Bigint, cancellationToken);
        await copy.WriteAsync(insert.Change, NpgsqlDbType.Bigint, cancellationToken);
        await WriteNullableAsync(copy, insert.StoryId, NpgsqlDbType.Text, cancellationToken);
        await WriteNullableAsync(copy, insert.NearDuplicateOf, NpgsqlDbType.Text, cancellationToken);
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is null ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(value, type, cancellationToken);

    private static async Task<List<long>> SequencesAsync(NpgsqlConnection connection, IReadOnlyList<DocumentInsert> documents, CancellationToken cancellationToken)
    {
        var sequences = new List<long>(documents.Count);
        await using var command = new NpgsqlCommand(
            "SELECT seq FROM documents WHERE change_seq BETWEEN @first AND @last ORDER BY change_seq", connection);
        command.Parameters.AddWithValue("first", documents[0].Change);
        command.Parameters.AddWithValue("last", documents[^1].Change);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            sequences.Add(reader.GetInt64(0));
        }

        return sequences.Count == documents.Count
            ? sequences
            : throw new InvalidOperationException($"Copied {documents.Count} documents but read back {sequences.Count} sequences for their changes.");
    }
}
