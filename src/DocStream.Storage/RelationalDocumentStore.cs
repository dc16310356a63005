using System.Data;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using DocStream.Core.Documents;
using DocStream.Core.Parsing;
using DocStream.Core.Querying;
using DocStream.Core.Storage;
using static DocStream.Storage.DbCommands;

namespace DocStream.Storage;

/// <summary>
/// The document store over any ADO.NET database. The SQL here is the dialect SQLite and PostgreSQL share;
/// a backend subclass supplies only its schema migrations and what it must do to each new connection.
/// </summary>
/// <param name="dataSource">Hands out connections to the database.</param>
public abstract partial class RelationalDocumentStore(DbDataSource dataSource) : IDocumentStore
{
    private const string FindMetadataSql = $"SELECT {MetadataColumns} FROM documents d WHERE d.id = @id";

    private const string FindWithContentSql = $"SELECT {MetadataColumns}{ContentColumns} FROM documents d WHERE d.id = @id";

    /// <summary>
    /// The schema, one script per version in order: script <c>i</c> takes the database from version <c>i</c> to
    /// <c>i + 1</c>. Never edit a released script; append a new one.
    /// </summary>
    protected abstract IReadOnlyList<string> Migrations { get; }

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await PrepareDatabaseAsync(connection, cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockForMigrationAsync(connection, transaction, cancellationToken);
        await ExecuteAsync(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_micros BIGINT NOT NULL)", cancellationToken);
        var current = Convert.ToInt32(await ScalarAsync(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", [], cancellationToken) ?? 0, System.Globalization.CultureInfo.InvariantCulture);
        if (current > Migrations.Count)
        {
            throw new InvalidOperationException(
                $"The database schema is at version {current}, newer than the {Migrations.Count} this build knows; run a newer DocStream.");
        }

        for (var version = current; version < Migrations.Count; version++)
        {
            await ExecuteAsync(connection, transaction, Migrations[version], cancellationToken);
            await ScalarAsync(connection, transaction, "INSERT INTO schema_migrations (version, applied_micros) VALUES (@version, @now)",
                [("version", version + 1), ("now", NowMicros())], cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AddResult>> AddManyAsync(IReadOnlyList<NewDocument> documents, CancellationToken cancellationToken)
    {
        var results = new AddResult?[documents.Count];
        await using (var connection = await OpenAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            for (var i = 0; i < documents.Count; i++)
            {
                results[i] = await InsertAsync(connection, transaction, documents[i], cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        for (var i = 0; i < documents.Count; i++)
        {
            results[i] ??= new AddResult(
                await FindAsync(documents[i].Id, includeContent: false, cancellationToken)
                    ?? throw new InvalidOperationException($"Document {documents[i].Id} conflicted on insert but cannot be read."),
                Created: false);
        }

        return results!;
    }

    /// <inheritdoc />
    public Task<StoredDocument?> FindAsync(string id, bool includeContent, CancellationToken cancellationToken) =>
        FindAsync(id, includeContent ? ContentRead.Decoded : ContentRead.None, cancellationToken);

    /// <inheritdoc />
    public Task<StoredDocument?> FindEncodedAsync(string id, CancellationToken cancellationToken) =>
        FindAsync(id, ContentRead.Encoded, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredDocument>> ReadAfterAsync(
        DocumentFilter filter, long afterSequence, int limit, long maxBytes, bool includeContent, CancellationToken cancellationToken) =>
        ReadAfterAsync(filter, afterSequence, limit, maxBytes, includeContent ? ContentRead.Decoded : ContentRead.None, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredDocument>> ReadEncodedAfterAsync(
        DocumentFilter filter, long afterSequence, int limit, long maxBytes, CancellationToken cancellationToken) =>
        ReadAfterAsync(filter, afterSequence, limit, maxBytes, ContentRead.Encoded, cancellationToken);

    /// <inheritdoc />
    public async Task<DeleteOutcome> DeleteAsync(string id, string? expectedEtag, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
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
        await ScalarAsync(connection, transaction, "INSERT INTO document_tombstones (change_seq, id) VALUES (@change, @id)",
            [("change", change), ("id", id)], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return DeleteOutcome.Deleted;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredDocument>> ReadParsedBeforeAsync(int parserVersion, long afterSequence, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        // SQLite answers the query below by walking the table in seq order, and parser_version lies after the raw
        // bytes in each row: finding nothing stale read every document (19.6 GB and 51 s at a million, on every
        // start). The index on parser_version tells at once whether there is anything to find.
        var oldest = await ScalarAsync(connection, null, "SELECT MIN(parser_version) FROM documents", [], cancellationToken);
        if (oldest is null || Convert.ToInt32(oldest, System.Globalization.CultureInfo.InvariantCulture) >= parserVersion)
        {
            return [];
        }

        await using var command = CreateCommand(connection, null,
            $"SELECT {MetadataColumns}{ContentColumns} FROM documents d WHERE d.parser_version < @version AND d.seq > @after ORDER BY d.seq LIMIT @limit",
            [("version", parserVersion), ("after", afterSequence), ("limit", limit)]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var documents = new List<StoredDocument>();
        while (await reader.ReadAsync(cancellationToken))
        {
            documents.Add(ReadDocument(reader, ContentRead.Decoded));
        }

        return documents;
    }

    /// <inheritdoc />
    public async Task<bool> UpdateParsedAsync(string id, ParsedArticle parsed, int parserVersion, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var change = await NextChangeAsync(connection, transaction, cancellationToken);
        var sequence = await ScalarAsync(connection, transaction,
            """
            UPDATE documents SET title = @title, published_micros = @published, language_code = @language, meta_pb = @meta,
                meta_json = '', content_pb = @content, content_json = '', parser_version = @parser, etag = @etag, change_seq = @change
            WHERE id = @id
            RETURNING seq
            """,
            [
                ("id", id), ("title", parsed.Title), ("published", ToMicros(parsed.PublishedTime)), ("language", parsed.LanguageCode),
                ("meta", MetadataWireFormat.Encode(parsed)), ("content", ContentWireFormat.Encode(parsed.Body, parsed.ReadAlso)), ("parser", parserVersion), ("etag", NewEtag()),
                ("change", change),
            ],
            cancellationToken);
        if (sequence is null)
        {
            // Not committed: disposing the transaction rolls back, and returns, the change number.
            return false;
        }

        await ScalarAsync(connection, transaction, "DELETE FROM document_sources WHERE seq = @seq", [("seq", sequence)], cancellationToken);
        await InsertSourcesAsync(connection, transaction, Convert.ToInt64(sequence, System.Globalization.CultureInfo.InvariantCulture), parsed.Sources, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <inheritdoc />
    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return Convert.ToInt64(await ScalarAsync(connection, null, "SELECT COUNT(*) FROM documents", [], cancellationToken),
            System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public async Task<byte[]> GetOrCreateSecretAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ScalarAsync(connection, null, "INSERT INTO secrets (name, value) VALUES (@name, @value) ON CONFLICT (name) DO NOTHING",
            [("name", name), ("value", RandomNumberGenerator.GetBytes(32))], cancellationToken);
        return (byte[])(await ScalarAsync(connection, null, "SELECT value FROM secrets WHERE name = @name", [("name", name)], cancellationToken)
            ?? throw new InvalidOperationException($"Secret {name} was not stored."));
    }

    /// <summary>Runs once per <see cref="InitializeAsync"/> before migrations, e.g. to switch on WAL.</summary>
    protected virtual Task PrepareDatabaseAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Keeps two instances from migrating at once; a no-op where the transaction already serialises writers.</summary>
    protected virtual Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>Opens a connection from the data source.</summary>
    protected virtual async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken);

    /// <summary>
    /// Runs <paramref name="sql"/>, a SELECT of at most one row with the one parameter <c>@id</c>, and hands its
    /// reader to <paramref name="read"/>. This opens a pooled connection and prepares the statement for the call; a
    /// backend may keep such statements prepared instead.
    /// </summary>
    protected virtual async Task<T> QueryByIdAsync<T>(string sql, string id, Func<DbDataReader, Task<T>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = CreateCommand(connection, null, sql, [("id", id)]);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow, cancellationToken);
        return await read(reader);
    }

    private Task<StoredDocument?> FindAsync(string id, ContentRead content, CancellationToken cancellationToken) =>
        QueryByIdAsync(
            content == ContentRead.None ? FindMetadataSql : FindWithContentSql,
            id,
            async reader => await reader.ReadAsync(cancellationToken) ? ReadDocument(reader, content) : null,
            cancellationToken);

    private async Task<IReadOnlyList<StoredDocument>> ReadAfterAsync(
        DocumentFilter filter, long afterSequence, int limit, long maxBytes, ContentRead content, CancellationToken cancellationToken)
    {
        if (filter.IsEmptyRange)
        {
            return [];
        }

        var sql = new StringBuilder($"SELECT {MetadataColumns}{(content != ContentRead.None ? ContentColumns : "")} FROM documents d WHERE d.seq > @after");
        var parameters = new List<(string, object?)> { ("after", afterSequence), ("limit", limit) };
        if (filter.LanguageCode is not null)
        {
            sql.Append(" AND d.language_code = @language");
            parameters.Add(("language", filter.LanguageCode));
        }

        if (filter.PublishedFromMicros is { } from)
        {
            sql.Append(" AND d.published_micros >= @from");
            parameters.Add(("from", from));
        }

        if (filter.PublishedBeforeMicros is { } before)
        {
            sql.Append(" AND d.published_micros < @before");
            parameters.Add(("before", before));
        }

        for (var i = 0; i < filter.Sources.Count; i++)
        {
            sql.Append(System.Globalization.CultureInfo.InvariantCulture,
                $" AND EXISTS (SELECT 1 FROM document_sources s WHERE s.seq = d.seq AND s.source = @source{i})");
            parameters.Add(($"source{i}", filter.Sources[i]));
        }

        sql.Append(" ORDER BY d.seq LIMIT @limit");
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = CreateCommand(connection, null, sql.ToString(), parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var documents = new List<StoredDocument>();
        long bytesRead = 0;
        while (bytesRead < maxBytes && await reader.ReadAsync(cancellationToken))
        {
            var document = ReadDocument(reader, content);
            bytesRead += content != ContentRead.None ? document.SizeBytes : 0;
            documents.Add(document);
        }

        return documents;
    }

    private static async Task<AddResult?> InsertAsync(DbConnection connection, DbTransaction transaction, NewDocument document, CancellationToken cancellationToken)
    {
        var parsed = document.Parsed;
        var etag = NewEtag();
        var createMicros = NowMicros();
        var change = await NextChangeAsync(connection, transaction, cancellationToken);
        var sequence = await ScalarAsync(connection, transaction,
            """
            INSERT INTO documents (id, content_sha256, source_uri, raw_content, size_bytes, title, published_micros,
                language_code, meta_pb, meta_json, content_pb, content_json, parser_version, create_micros, etag, change_seq)
            VALUES (@id, @sha, @uri, @raw, @size, @title, @published, @language, @meta, '', @content, '', @parser, @created, @etag, @change)
            ON CONFLICT (id) DO NOTHING
            RETURNING seq
            """,
            [
                ("id", document.Id), ("sha", document.ContentSha256), ("uri", document.SourceUri),
                ("raw", document.RawContent), ("size", (long)document.RawContent.Length), ("title", parsed.Title),
                ("published", ToMicros(parsed.PublishedTime)), ("language", parsed.LanguageCode),
                ("meta", MetadataWireFormat.Encode(parsed)), ("content", ContentWireFormat.Encode(parsed.Body, parsed.ReadAlso)),
                ("parser", ArticleParser.Version), ("created", createMicros), ("etag", etag), ("change", change),
            ],
            cancellationToken);
        if (sequence is null)
        {
            // Nothing changed: give the number back, so that the counter stays the number of the latest change.
            // This transaction holds the counter's row lock, so no other writer has taken a number since.
            await ScalarAsync(connection, transaction, "UPDATE change_counter SET value = value - 1 WHERE id = 1", [], cancellationToken);
            return null;
        }

        var seq = Convert.ToInt64(sequence, System.Globalization.CultureInfo.InvariantCulture);
        await InsertSourcesAsync(connection, transaction, seq, parsed.Sources, cancellationToken);

        var stored = new StoredDocument(seq, document.Id, document.ContentSha256, document.SourceUri, document.RawContent,
            document.RawContent.Length, parsed, ArticleParser.Version, FromMicros(createMicros), etag);
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

    private static long NowMicros() => ToMicros(DateTimeOffset.UtcNow)!.Value;

    private static long? ToMicros(DateTimeOffset? time) =>
        time is { } t ? (t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10 : null;

    private static DateTimeOffset FromMicros(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * 10);
}
