using DocStream.Core.Documents;
using DocStream.Core.Storage;
using DocStream.Core.Stories;
using DocStream.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace DocStream.Storage.Tests;

/// <summary>The compliance suite on real SQLite files.</summary>
public sealed class SqliteDocumentStoreTests : RelationalDocumentStoreCompliance, IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("docstream-sqlite-").FullName;
    private readonly Dictionary<IDocumentStore, string> _paths = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _paths.Keys)
        {
            await store.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task InitializeAsync_NewFile_UsesWriteAheadLogging()
    {
        var store = await CreateStoreAsync();

        Assert.Equal("wal", await ScalarAsync(store, "PRAGMA journal_mode"));
    }

    [Fact]
    public async Task InitializeAsync_NewFile_Uses16KiBPages()
    {
        var store = await CreateStoreAsync();

        Assert.Equal(16384L, await ScalarAsync(store, "PRAGMA page_size"));
    }

    [Fact]
    public async Task InitializeAsync_FileWithSmallerPages_KeepsThemAndWorks()
    {
        var path = Path.Combine(_directory, "old.db");
        await ScalarAsync(path, "PRAGMA page_size = 4096; CREATE TABLE unrelated (x INTEGER)");
        var store = Track(SqliteDocumentStore.Open(path), path);

        await store.InitializeAsync(default);
        var article = Article("a");
        await store.Writer.AddAsync([article], default);

        Assert.Equal(4096L, await ScalarAsync(path, "PRAGMA page_size"));
        Assert.Equal(article.RawContent, (await store.Reader.FindAsync(article.Id, DocumentParts.Full, default))!.RawContent);
    }

    [Fact]
    public async Task InitializeAsync_HistoryNumberedBeforeTheBackendsWereAligned_IsRenumberedAndNotMigratedTwice()
    {
        var store = await CreateStoreAsync();
        var article = Article("a");
        await store.Writer.AddAsync([article], default);
        // As builds before the alignment left it: no LZ4 step, meta_pb recorded as version 5.
        await ExecuteSqlAsync(store, UndoWatchHistorySql + "DELETE FROM schema_migrations WHERE version >= 5; INSERT INTO schema_migrations (version, applied_micros) VALUES (5, 1)");

        var reopened = await OpenSameDatabaseAsync(store);
        await reopened.InitializeAsync(default);

        Assert.Equal("1,2,3,4,5,6,7,8", await ScalarAsync(store, "SELECT group_concat(version, ',') FROM (SELECT version FROM schema_migrations ORDER BY version)"));
        Assert.Equal(article.RawContent, (await reopened.Reader.FindAsync(article.Id, DocumentParts.Full, default))!.RawContent);
    }

    [Fact]
    public async Task InitializeAsync_HistoryAtTheStepBeforeMetadata_TakesTheRemainingSteps()
    {
        var store = await CreateStoreAsync();
        await ExecuteSqlAsync(store, UndoWatchHistorySql + "ALTER TABLE documents DROP COLUMN meta_pb; DELETE FROM schema_migrations WHERE version >= 5");

        var reopened = await OpenSameDatabaseAsync(store);
        await reopened.InitializeAsync(default);
        var article = Article("a");
        await reopened.Writer.AddAsync([article], default);

        Assert.Equal(1L, await ScalarAsync(store, "SELECT COUNT(*) FROM pragma_table_info('documents') WHERE name = 'meta_pb'"));
        Assert.Equal(article.Parsed.Title, (await reopened.Reader.FindAsync(article.Id, DocumentParts.Basic, default))!.ReadArticle().Title);
    }

    [Fact]
    public async Task DisposeAsync_ClosesTheKeptLookups_AndLaterLookupsAreRefused()
    {
        var store = await CreateStoreAsync();
        var id = (await store.Writer.AddAsync([Article("a")], default))[0].Document.Id;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => store.Reader.FindAsync(id, DocumentParts.Full, default))));

        await store.DisposeAsync();

        // SQLite removes the write-ahead log when the last connection to the file closes.
        Assert.False(File.Exists(_paths[store] + "-wal"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.Reader.FindAsync(id, DocumentParts.Full, default));
    }

    protected override async Task<IDocumentStore> CreateStoreAsync(IStoryAssigner? assigner = null)
    {
        var path = Path.Combine(_directory, $"{Guid.NewGuid():N}.db");
        var store = Track(SqliteDocumentStore.Open(path, assigner), path);
        await store.InitializeAsync(default);
        return store;
    }

    protected override bool HearsOtherInstances => false;

    protected override Task<IDocumentStore> OpenSameDatabaseAsync(IDocumentStore store, IStoryAssigner? assigner = null) =>
        Task.FromResult(Track(SqliteDocumentStore.Open(_paths[store], assigner), _paths[store]));

    protected override async Task ExecuteSqlAsync(IDocumentStore store, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_paths[store]}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    protected override Task<object?> ScalarAsync(IDocumentStore store, string sql) => ScalarAsync(_paths[store], sql);

    private static async Task<object?> ScalarAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private IDocumentStore Track(IDocumentStore store, string path)
    {
        _paths[store] = path;
        return store;
    }
}
