using DocStream.Testing.Storage;
using DocStream.Core.Documents;
using DocStream.Core.Documents.Wire;
using DocStream.Core.Storage;

namespace DocStream.Storage.Tests;

/// <summary>
/// What the relational backends must also do, checked through their SQL: the schema's history, and rows written by
/// earlier schemas, which every read still understands.
/// </summary>
public abstract class RelationalDocumentStoreCompliance : DocumentStoreCompliance
{
    /// <summary>Runs raw SQL against the database behind <paramref name="store"/>.</summary>
    /// <summary>Takes a database back to before <see cref="SchemaStep.WatchHistory"/> (its row in the history stays for the caller to remove).</summary>
    /// <summary>Takes a database at the latest schema back to before <c>SchemaStep.Stories</c>.</summary>
    protected const string UndoStoriesSql =
        """
        DROP INDEX documents_story;
        DROP INDEX documents_near_duplicate_of;
        ALTER TABLE documents DROP COLUMN story_id;
        ALTER TABLE documents DROP COLUMN near_duplicate_of;
        DROP TABLE stories;
        DROP TABLE story_signatures;
        DROP TABLE story_postings;
        DROP TABLE story_bands;
        DROP TABLE story_terms;

        """;

    /// <summary>Takes a database at the latest schema back to before <c>SchemaStep.WatchHistory</c>.</summary>
    protected const string UndoWatchHistorySql = UndoStoriesSql +
        """
        ALTER TABLE documents DROP COLUMN created_change;
        DROP INDEX document_tombstones_deleted;
        ALTER TABLE document_tombstones DROP COLUMN deleted_micros;
        ALTER TABLE change_counter DROP COLUMN pruned_through;

        """;

    protected abstract Task ExecuteSqlAsync(IDocumentStore store, string sql);

    /// <summary>Runs a query of one value against the database behind <paramref name="store"/>.</summary>
    protected abstract Task<object?> ScalarAsync(IDocumentStore store, string sql);

    /// <inheritdoc />
    protected override Task SetParserVersionAsync(IDocumentStore store, string id, int parserVersion) =>
        ExecuteSqlAsync(store, $"UPDATE documents SET parser_version = {parserVersion} WHERE id = '{id}'");

    [Fact]
    public async Task InitializeAsync_NewDatabase_RecordsEveryStepOfTheHistory()
    {
        var store = await CreateStoreAsync();

        Assert.Equal(Enum.GetValues<SchemaStep>().Length, Convert.ToInt32(await ScalarAsync(store, "SELECT COUNT(*) FROM schema_migrations"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(RelationalDatabase.LatestVersion, Convert.ToInt32(await ScalarAsync(store, "SELECT MAX(version) FROM schema_migrations"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task InitializeAsync_SchemaNewerThanThisBuild_Refuses()
    {
        var store = await CreateStoreAsync();
        await ExecuteSqlAsync(store, "INSERT INTO schema_migrations (version, applied_micros) VALUES (999, 0)");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await (await OpenSameDatabaseAsync(store)).InitializeAsync(default));

        Assert.Contains("newer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RowsWrittenWithJsonMetadata_ReadTheSameEveryWay()
    {
        var store = await CreateStoreAsync();
        var article = Article("a", new DateTimeOffset(2023, 10, 13, 0, 0, 0, TimeSpan.Zero), ["وكالة"]);
        await store.Writer.AddAsync([article], default);
        await ExecuteSqlAsync(store,
            """UPDATE documents SET meta_pb = NULL, meta_json = '{"title":"عنوان قديم","published_time":"2023-10-13T00:00:00+00:00","sources":["وكالة"],"keywords_line":"","keywords":[],"body":[],"read_also":[],"related_headlines":["خبر"],"embedded_posts":[],"language_code":"ar","character_count":20,"word_count":4,"warnings":[]}'""");

        var full = (await store.Reader.FindAsync(article.Id, DocumentParts.Full, default))!;
        var basic = (await store.Reader.FindAsync(article.Id, DocumentParts.Basic, default))!;

        var parsed = full.ReadArticle();
        Assert.Equal("عنوان قديم", parsed.Title);
        Assert.Equal(new DateTimeOffset(2023, 10, 13, 0, 0, 0, TimeSpan.Zero), parsed.PublishedTime);
        Assert.Equal(["خبر"], parsed.RelatedHeadlines);
        Assert.Equal(4, parsed.WordCount);
        Assert.Equal(article.Parsed.Body, parsed.Body);
        Assert.Equal(full.Metadata.ToArray(), basic.Metadata.ToArray());
        Assert.Equal(MetadataWireFormat.Encode(parsed), basic.Metadata.ToArray());
    }

    [Fact]
    public async Task RowsWrittenWithJsonContent_ReadTheSameEveryWay()
    {
        var store = await CreateStoreAsync();
        var article = Article("a");
        await store.Writer.AddAsync([article], default);
        await ExecuteSqlAsync(store,
            """UPDATE documents SET content_pb = NULL, content_json = '{"body":["فقرة قديمة"],"read_also":[{"title":"ت","paragraphs":["ف"]}]}'""");

        var found = (await store.Reader.FindAsync(article.Id, DocumentParts.Full, default))!;
        var changed = (await store.Changes.ReadChangesAsync(0, 10, DocumentParts.Body, default)).Single().Document!;

        var parsed = found.ReadArticle();
        Assert.Equal(["فقرة قديمة"], parsed.Body);
        Assert.Equal("ت", parsed.ReadAlso.Single().Title);
        Assert.Equal(["ف"], parsed.ReadAlso.Single().Paragraphs);
        Assert.Equal(ContentWireFormat.Encode(parsed.Body, parsed.ReadAlso), found.Body.ToArray());
        Assert.Equal(found.Body.ToArray(), changed.Body.ToArray());
    }

    [Fact]
    public async Task InitializeAsync_DatabaseFromBeforeTheChangeFeed_NumbersExistingDocumentsInSequenceOrder()
    {
        var store = await CreateStoreAsync();
        var added = await store.Writer.AddAsync([Article("a"), Article("b"), Article("c")], default);
        await store.Writer.DeleteAsync(added[1].Document.Id, null, default);
        // Back to schema 2: no change feed, and the metadata and content as JSON.
        await ExecuteSqlAsync(store, UndoStoriesSql +
            """
            ALTER TABLE documents DROP COLUMN created_change;
            DROP INDEX documents_change_seq;
            ALTER TABLE documents DROP COLUMN change_seq;
            ALTER TABLE documents DROP COLUMN content_pb;
            ALTER TABLE documents DROP COLUMN meta_pb;
            UPDATE documents SET content_json = '{"body":[],"read_also":[]}',
                meta_json = '{"title":"","sources":[],"keywords_line":"","keywords":[],"body":[],"read_also":[],"related_headlines":[],"embedded_posts":[],"language_code":"ar","character_count":0,"word_count":0,"warnings":[]}';
            DROP TABLE document_tombstones;
            DROP TABLE change_counter;
            DELETE FROM schema_migrations WHERE version >= 3;
            """);

        var migrated = await OpenSameDatabaseAsync(store);
        await migrated.InitializeAsync(default);

        var changes = await migrated.Changes.ReadChangesAsync(0, 10, DocumentParts.Basic, default);
        Assert.Equal([(added[0].Document.Sequence, added[0].Document.Id), (added[2].Document.Sequence, added[2].Document.Id)],
            changes.Select(c => (c.Change, c.Id)));
        Assert.Equal(added[2].Document.Sequence, await migrated.Changes.GetLastChangeAsync(default));
        await migrated.Writer.AddAsync([Article("d")], default);
        Assert.Equal(added[2].Document.Sequence + 1, Assert.Single(await migrated.Changes.ReadChangesAsync(added[2].Document.Sequence, 10, DocumentParts.Basic, default)).Change);
    }
}
