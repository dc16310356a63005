using DocStream.Core.Storage;
using DocStream.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace DocStream.Storage.Tests;

/// <summary>The compliance suite on real SQLite files.</summary>
public sealed class SqliteDocumentStoreTests : DocumentStoreCompliance, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("docstream-sqlite-").FullName;
    private readonly Dictionary<IDocumentStore, string> _paths = [];

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task InitializeAsync_NewFile_UsesWriteAheadLogging()
    {
        var store = await CreateStoreAsync();

        Assert.Equal("wal", await ScalarAsync(_paths[store], "PRAGMA journal_mode"));
    }

    [Fact]
    public async Task InitializeAsync_NewFile_Uses16KiBPages()
    {
        var store = await CreateStoreAsync();

        Assert.Equal(16384L, await ScalarAsync(_paths[store], "PRAGMA page_size"));
    }

    [Fact]
    public async Task InitializeAsync_FileWithSmallerPages_KeepsThemAndWorks()
    {
        var path = Path.Combine(_directory, "old.db");
        await ScalarAsync(path, "PRAGMA page_size = 4096; CREATE TABLE unrelated (x INTEGER)");
        var store = SqliteDocumentStore.Open(path);
        _paths[store] = path;

        await store.InitializeAsync(default);
        var added = (await store.AddManyAsync([Article("a")], default))[0].Document;

        Assert.Equal(4096L, await ScalarAsync(path, "PRAGMA page_size"));
        Assert.Equal(added.RawContent, (await store.FindEncodedAsync(added.Id, default))!.RawContent);
    }

    [Fact]
    public async Task Dispose_ClosesTheKeptLookups_AndLaterLookupsAreRefused()
    {
        var store = (SqliteDocumentStore)await CreateStoreAsync();
        var id = (await store.AddManyAsync([Article("a")], default))[0].Document.Id;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => store.FindEncodedAsync(id, default))));

        store.Dispose();
        SqliteConnection.ClearAllPools();

        // SQLite removes the write-ahead log when the last connection to the file closes.
        Assert.False(File.Exists(_paths[store] + "-wal"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.FindEncodedAsync(id, default));
    }

    private static async Task<object?> ScalarAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    protected override async Task<IDocumentStore> CreateStoreAsync()
    {
        var path = Path.Combine(_directory, $"{Guid.NewGuid():N}.db");
        var store = SqliteDocumentStore.Open(path);
        _paths[store] = path;
        await store.InitializeAsync(default);
        return store;
    }

    protected override Task<IDocumentStore> OpenSameDatabaseAsync(IDocumentStore store)
    {
        var other = SqliteDocumentStore.Open(_paths[store]);
        _paths[other] = _paths[store];
        return Task.FromResult<IDocumentStore>(other);
    }

    protected override async Task ExecuteSqlAsync(IDocumentStore store, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_paths[store]}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
