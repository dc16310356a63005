using System.Data.Common;
using System.Security.Cryptography;
using DocStream.Core.Documents;
using DocStream.Core.Documents.Wire;
using DocStream.Core.Parsing;
using DocStream.Core.Storage;
using DocStream.Core.Stories;
using static DocStream.Storage.DbCommands;

namespace DocStream.Storage;

/// <summary>
/// The store's writes. Each takes its change number from the one-row <c>change_counter</c> table before it touches
/// a document (see <see cref="NextChangeAsync"/>), and gives the number back when it changed nothing. With an
/// <see cref="IStoryAssigner"/>, each added document is grouped inside its transaction, after the counter's lock
/// is held: every writer on the database groups in change order, against everything committed before it.
/// </summary>
/// <param name="database">The database to write.</param>
/// <param name="reader">Reads back documents that were already stored.</param>
/// <param name="assigner">Groups each added document into a story; null when grouping is off.</param>
internal sealed class RelationalDocumentWriter(RelationalDatabase database, RelationalDocumentReader reader, IStoryAssigner? assigner) : IDocumentWriter
{
    private static readonly string GroupAllSql =
        $"SELECT {DocumentRows.Columns(DocumentParts.Body)}, d.change_seq FROM documents d WHERE d.seq > @after ORDER BY d.seq LIMIT @limit";

    // Grouped documents are those with a signature: documents stored with grouping off, before an upgrade, or not yet
    // reached by an interrupted regrouping have none.
    private static readonly string GroupUngroupedSql =
        $"""
        SELECT {DocumentRows.Columns(DocumentParts.Body)}, d.change_seq FROM documents d
        WHERE d.seq > @after AND NOT EXISTS (SELECT 1 FROM story_signatures g WHERE g.seq = d.seq)
        ORDER BY d.seq LIMIT @limit
        """;

    /// <inheritdoc />
    public async Task<IReadOnlyList<AddResult>> AddAsync(IReadOnlyList<NewDocument> documents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var results = assigner is null
            ? await AddUngroupedAsync(documents, cancellationToken)
            : await AddGroupedAsync(documents, assigner, cancellationToken);
        for (var i = 0; i < documents.Count; i++)
        {
            results[i] ??= new AddResult(
                await reader.FindAsync(documents[i].Id, DocumentParts.Basic, cancellationToken)
                    ?? throw new InvalidOperationException($"Document {documents[i].Id} was already stored but cannot be read."),
                Created: false);
        }

        return results!;
    }

    /// <summary>
    /// Without grouping the documents of a batch do not depend on each other: one look finds which are stored, and
    /// the rest are inserted together (in bulk where the backend can) with consecutive change numbers. The counter's
    /// lock, taken first, makes the look final. Returns null for each document that was already stored.
    /// </summary>
    private async Task<AddResult?[]> AddUngroupedAsync(IReadOnlyList<NewDocument> documents, CancellationToken cancellationToken)
    {
        var results = new AddResult?[documents.Count];
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var change = await LockChangeCounterAsync(connection, transaction, cancellationToken);
        var seen = await StoredIdsAsync(connection, transaction, documents, cancellationToken);
        var inserts = new List<DocumentInsert>(documents.Count);
        var positions = new List<int>(documents.Count);
        for (var i = 0; i < documents.Count; i++)
        {
            if (seen.Add(documents[i].Id))
            {
                inserts.Add(NewRow(documents[i], ++change, assignment: null));
                positions.Add(i);
            }
        }

        if (inserts.Count == 0)
        {
            return results;
        }

        var sequences = await database.BulkInsertAsync(connection, transaction, inserts, cancellationToken);
        if (sequences is null)
        {
            var inserted = new long[inserts.Count];
            for (var j = 0; j < inserts.Count; j++)
            {
                inserted[j] = await InsertRowAsync(connection, transaction, inserts[j], cancellationToken);
            }

            sequences = inserted;
        }

        await ScalarAsync(connection, transaction, "UPDATE change_counter SET value = @value WHERE id = 1", [("value", change)], cancellationToken);
        await NotifyAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        for (var j = 0; j < inserts.Count; j++)
        {
            results[positions[j]] = Created(inserts[j], sequences[j]);
        }

        return results;
    }

    /// <summary>
    /// Each document is grouped against everything stored before it, the batch's earlier documents included, so they
    /// are inserted one by one. Returns null for each document that was already stored.
    /// </summary>
    private async Task<AddResult?[]> AddGroupedAsync(IReadOnlyList<NewDocument> documents, IStoryAssigner storyAssigner, CancellationToken cancellationToken)
    {
        var results = new AddResult?[documents.Count];
        // Analysis is the expensive part of grouping; done here, the transaction holds only the lookups.
        var features = documents.Select(document => storyAssigner.Describe(document.Parsed)).ToArray();
        var termCounts = new PendingTermCounts();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        for (var i = 0; i < documents.Count; i++)
        {
            results[i] = await InsertGroupedAsync(connection, transaction, documents[i], features[i], storyAssigner, termCounts, cancellationToken);
        }

        await termCounts.FlushAsync(database, connection, transaction, cancellationToken);
        if (results.Any(result => result is not null))
        {
            await NotifyAsync(connection, transaction, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return results;
    }

    /// <inheritdoc />
    public async Task<int> ReplaceParsedAsync(IReadOnlyList<ParsedReplacement> replacements, int parserVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(replacements);
        var replaced = 0;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Re-parsing and deleting group nothing, so count no terms.
        var stories = new RelationalStoryIndex(database, connection, transaction, long.MaxValue, new PendingTermCounts());
        var restoried = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, parsed) in replacements)
        {
            var change = await NextChangeAsync(connection, transaction, cancellationToken);
            var row = await ReadRowAsync(connection, transaction,
                """
                UPDATE documents SET title = @title, published_micros = @published, language_code = @language, meta_pb = @meta,
                    meta_json = '', content_pb = @content, content_json = '', parser_version = @parser, etag = @etag, change_seq = @change
                WHERE id = @id
                RETURNING seq, story_id
                """,
                [
                    ("id", id), ("title", parsed.Title), ("published", Micros.From(parsed.PublishedTime)), ("language", parsed.LanguageCode),
                    ("meta", MetadataWireFormat.Encode(parsed)), ("content", ContentWireFormat.Encode(parsed.Body, parsed.ReadAlso)),
                    ("parser", parserVersion), ("etag", NewEtag()), ("change", change),
                ],
                cancellationToken);
            if (row is not var (seq, storyId))
            {
                // The document is gone: give the number back, so that the counter stays the number of the latest change.
                await GiveBackChangeAsync(connection, transaction, cancellationToken);
                continue;
            }

            await ScalarAsync(connection, transaction, "DELETE FROM document_sources WHERE seq = @seq", [("seq", seq)], cancellationToken);
            await InsertSourcesAsync(connection, transaction, seq, parsed.Sources, cancellationToken);
            if (storyId is not null)
            {
                // The headline and date feed the story's aggregate and the candidate window; the story itself stays
                // until a regrouping.
                await stories.RedateAsync(seq, parsed.PublishedTime, cancellationToken);
                restoried.Add(storyId);
            }

            replaced++;
        }

        // Once per story and batch: a recount reads every document of the story.
        foreach (var storyId in restoried)
        {
            await stories.RecountAsync(storyId, leaveChange: null, cancellationToken);
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
            ? await ReadRowAsync(connection, transaction, "DELETE FROM documents WHERE id = @id RETURNING seq, story_id", [("id", id)], cancellationToken)
            : await ReadRowAsync(connection, transaction, "DELETE FROM documents WHERE id = @id AND etag = @etag RETURNING seq, story_id",
                [("id", id), ("etag", expectedEtag)], cancellationToken);
        if (deleted is not var (seq, storyId))
        {
            // Not committed: disposing the transaction rolls back, and returns, the change number.
            var exists = await ScalarAsync(connection, transaction, "SELECT 1 FROM documents WHERE id = @id", [("id", id)], cancellationToken);
            return exists is null ? DeleteOutcome.NotFound : DeleteOutcome.EtagMismatch;
        }

        await ScalarAsync(connection, transaction, "DELETE FROM document_sources WHERE seq = @seq", [("seq", seq)], cancellationToken);
        // The database's clock, not this instance's: retention must not depend on how far apart the instances' clocks are.
        await ScalarAsync(connection, transaction, $"INSERT INTO document_tombstones (change_seq, id, deleted_micros) VALUES (@change, @id, {database.Dialect.NowMicros})",
            [("change", change), ("id", id)], cancellationToken);
        var stories = new RelationalStoryIndex(database, connection, transaction, long.MaxValue, new PendingTermCounts());
        await stories.ForgetAsync(seq, cancellationToken);
        foreach (var copyStory in await PromoteCopiesAsync(connection, transaction, id, cancellationToken))
        {
            if (copyStory != storyId)
            {
                await stories.RecountAsync(copyStory, leaveChange: null, cancellationToken);
            }
        }

        if (storyId is not null)
        {
            await stories.RecountAsync(storyId, leaveChange: change, cancellationToken);
        }

        await NotifyAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return DeleteOutcome.Deleted;
    }

    /// <inheritdoc />
    public async Task<GroupingPage> GroupAsync(GroupingQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (assigner is null)
        {
            throw new InvalidOperationException("Grouping is off (Stories:Enabled is false).");
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Locks the counter first, as every write does; the number goes back if nothing changes.
        var change = await NextChangeAsync(connection, transaction, cancellationToken);
        var rows = new List<(StoredDocument Document, long Change)>();
        await using (var command = CreateCommand(connection, transaction, query.UngroupedOnly ? GroupUngroupedSql : GroupAllSql,
            [("after", query.AfterSequence), ("limit", query.Limit)]))
        await using (var dataReader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await dataReader.ReadAsync(cancellationToken))
            {
                rows.Add((DocumentRows.Read(dataReader, DocumentParts.Body), dataReader.GetInt64(DocumentRows.ColumnCount(DocumentParts.Body))));
            }
        }

        var changed = 0;
        var changeUsed = false;
        var termCounts = new PendingTermCounts();
        foreach (var (document, documentChange) in rows)
        {
            var article = document.ReadArticle();
            var stories = new RelationalStoryIndex(database, connection, transaction, document.Sequence, termCounts);
            var assignment = await assigner.AssignAsync(document.Id, assigner.Describe(article), stories, cancellationToken);
            var activity = documentChange;
            if (assignment.StoryId != document.StoryId || assignment.NearDuplicateOf != document.NearDuplicateOf)
            {
                activity = changeUsed ? await NextChangeAsync(connection, transaction, cancellationToken) : change;
                changeUsed = true;
                await ScalarAsync(connection, transaction,
                    "UPDATE documents SET story_id = @story, near_duplicate_of = @copy, etag = @etag, change_seq = @change WHERE seq = @seq",
                    [("story", assignment.StoryId), ("copy", assignment.NearDuplicateOf), ("etag", NewEtag()), ("change", activity), ("seq", document.Sequence)],
                    cancellationToken);
                changed++;
            }

            // A document added while a regrouping runs was made findable when it was added; it is recorded once, and
            // the aggregates of the story it joins and the one it leaves are counted from their members.
            await stories.ForgetAsync(document.Sequence, cancellationToken);
            await stories.RecordAsync(document.Sequence, article.Title, article.PublishedTime, assignment, activity, cancellationToken);
            await stories.RecountAsync(assignment.StoryId, leaveChange: null, cancellationToken);
            if (document.StoryId is { } left && left != assignment.StoryId)
            {
                await stories.RecountAsync(left, leaveChange: null, cancellationToken);
            }
        }

        await termCounts.FlushAsync(database, connection, transaction, cancellationToken);
        if (!changeUsed)
        {
            await GiveBackChangeAsync(connection, transaction, cancellationToken);
        }
        else
        {
            await NotifyAsync(connection, transaction, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new GroupingPage(rows.Count, changed, rows.Count > 0 ? rows[^1].Document.Sequence : query.AfterSequence, rows.Count == query.Limit);
    }

    /// <inheritdoc />
    public async Task ForgetStoriesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await NextChangeAsync(connection, transaction, cancellationToken);
        foreach (var table in (string[])["stories", "story_signatures", "story_postings", "story_bands", "story_terms"])
        {
            await ScalarAsync(connection, transaction, $"DELETE FROM {table}", [], cancellationToken);
        }

        // Nothing a reader sees as a document changed.
        await GiveBackChangeAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
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

    /// <summary>
    /// Takes the change counter's lock, as <see cref="NextChangeAsync"/> does, without taking a number; returns the
    /// number of the latest change. The caller sets the counter to the last number it used.
    /// </summary>
    private static async Task<long> LockChangeCounterAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Convert.ToInt64(
            await ScalarAsync(connection, transaction, "UPDATE change_counter SET value = value WHERE id = 1 RETURNING value", [], cancellationToken)
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

    /// <summary>
    /// The copies of deleted document <paramref name="originalId"/> get the earliest of them as their original, and that
    /// one none; each changed copy takes a change number. Returns the stories of the copies.
    /// </summary>
    private static async Task<IReadOnlyCollection<string>> PromoteCopiesAsync(
        DbConnection connection, DbTransaction transaction, string originalId, CancellationToken cancellationToken)
    {
        var copies = new List<(long Seq, string Id, string? StoryId)>();
        await using (var command = CreateCommand(connection, transaction, "SELECT seq, id, story_id FROM documents WHERE near_duplicate_of = @id ORDER BY seq",
            [("id", originalId)]))
        await using (var dataReader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await dataReader.ReadAsync(cancellationToken))
            {
                copies.Add((dataReader.GetInt64(0), dataReader.GetString(1), dataReader.IsDBNull(2) ? null : dataReader.GetString(2)));
            }
        }

        foreach (var (seq, _, _) in copies)
        {
            var change = await NextChangeAsync(connection, transaction, cancellationToken);
            await ScalarAsync(connection, transaction,
                "UPDATE documents SET near_duplicate_of = @original, etag = @etag, change_seq = @change WHERE seq = @seq",
                [("original", seq == copies[0].Seq ? null : copies[0].Id), ("etag", NewEtag()), ("change", change), ("seq", seq)], cancellationToken);
        }

        return [.. copies.Select(copy => copy.StoryId).OfType<string>().Distinct()];
    }

    private async Task<AddResult?> InsertGroupedAsync(
        DbConnection connection, DbTransaction transaction, NewDocument document, StoryFeatures features, IStoryAssigner storyAssigner,
        PendingTermCounts termCounts, CancellationToken cancellationToken)
    {
        var change = await NextChangeAsync(connection, transaction, cancellationToken);
        // Grouping reads are wasted on content that is already stored; the counter's lock makes this check final.
        if (await ScalarAsync(connection, transaction, "SELECT 1 FROM documents WHERE id = @id", [("id", document.Id)], cancellationToken) is not null)
        {
            await GiveBackChangeAsync(connection, transaction, cancellationToken);
            return null;
        }

        var stories = new RelationalStoryIndex(database, connection, transaction, long.MaxValue, termCounts);
        var assignment = await storyAssigner.AssignAsync(document.Id, features, stories, cancellationToken);
        var insert = NewRow(document, change, assignment);
        var sequence = await InsertRowAsync(connection, transaction, insert, cancellationToken);
        await stories.RecordAsync(sequence, document.Parsed.Title, document.Parsed.PublishedTime, assignment, change, cancellationToken);
        return Created(insert, sequence);
    }

    private static DocumentInsert NewRow(NewDocument document, long change, StoryAssignment? assignment) =>
        new(document, MetadataWireFormat.Encode(document.Parsed), ContentWireFormat.Encode(document.Parsed.Body, document.Parsed.ReadAlso),
            ArticleParser.Version, Micros.Now(), NewEtag(), change, assignment?.StoryId, assignment?.NearDuplicateOf);

    private static AddResult Created(DocumentInsert insert, long sequence)
    {
        var document = insert.Document;
        var stored = new StoredDocument(sequence, document.Id, document.ContentSha256, document.SourceUri, document.RawContent.Length,
            insert.ParserVersion, Micros.ToTime(insert.CreateMicros), insert.Etag, DocumentParts.Basic, rawContent: null, insert.Metadata, body: default,
            insert.StoryId, insert.NearDuplicateOf);
        return new AddResult(stored, Created: true);
    }

    /// <summary>Inserts one new document and its sources; returns its sequence.</summary>
    private static async Task<long> InsertRowAsync(DbConnection connection, DbTransaction transaction, DocumentInsert insert, CancellationToken cancellationToken)
    {
        var (document, parsed) = (insert.Document, insert.Document.Parsed);
        var sequence = Convert.ToInt64(
            await ScalarAsync(connection, transaction,
                """
                INSERT INTO documents (id, content_sha256, source_uri, raw_content, size_bytes, title, published_micros,
                    language_code, meta_pb, meta_json, content_pb, content_json, parser_version, create_micros, etag, change_seq, created_change,
                    story_id, near_duplicate_of)
                VALUES (@id, @sha, @uri, @raw, @size, @title, @published, @language, @meta, '', @content, '', @parser, @created, @etag, @change, @change,
                    @story, @copy)
                RETURNING seq
                """,
                [
                    ("id", document.Id), ("sha", document.ContentSha256), ("uri", document.SourceUri),
                    ("raw", document.RawContent), ("size", (long)document.RawContent.Length), ("title", parsed.Title),
                    ("published", insert.PublishedMicros), ("language", parsed.LanguageCode),
                    ("meta", insert.Metadata), ("content", insert.Content),
                    ("parser", insert.ParserVersion), ("created", insert.CreateMicros), ("etag", insert.Etag), ("change", insert.Change),
                    ("story", insert.StoryId), ("copy", insert.NearDuplicateOf),
                ],
                cancellationToken) ?? throw new InvalidOperationException($"Inserting document {document.Id} returned no sequence."),
            System.Globalization.CultureInfo.InvariantCulture);
        await InsertSourcesAsync(connection, transaction, sequence, insert.Sources, cancellationToken);
        return sequence;
    }

    /// <summary>The ids of <paramref name="documents"/> already stored.</summary>
    private async Task<HashSet<string>> StoredIdsAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<NewDocument> documents, CancellationToken cancellationToken)
    {
        var stored = new HashSet<string>(StringComparer.Ordinal);
        var ids = documents.Select(document => document.Id).Distinct(StringComparer.Ordinal).ToArray();
        await using var command = CreateCommand(connection, transaction,
            $"SELECT id FROM documents WHERE id IN {string.Format(System.Globalization.CultureInfo.InvariantCulture, database.Dialect.TextList, "@ids")}",
            [("ids", database.Dialect.TextListValue(ids))]);
        await using var dataReader = await command.ExecuteReaderAsync(cancellationToken);
        while (await dataReader.ReadAsync(cancellationToken))
        {
            stored.Add(dataReader.GetString(0));
        }

        return stored;
    }

    /// <summary>The sequence and story id of the one row <paramref name="sql"/> returns; null when it returns none.</summary>
    private static async Task<(long Seq, string? StoryId)?> ReadRowAsync(
        DbConnection connection, DbTransaction transaction, string sql, IEnumerable<(string, object?)> parameters, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand(connection, transaction, sql, parameters);
        await using var dataReader = await command.ExecuteReaderAsync(cancellationToken);
        return await dataReader.ReadAsync(cancellationToken) ? (dataReader.GetInt64(0), dataReader.IsDBNull(1) ? null : dataReader.GetString(1)) : null;
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
