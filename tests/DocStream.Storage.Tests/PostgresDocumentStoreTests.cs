using System.Text;
using DocStream.Core.Documents;
using DocStream.Core.Parsing;
using DocStream.Core.Storage;
using DocStream.Core.Stories;
using DocStream.Storage.Postgres;
using DocStream.Testing;
using Npgsql;

namespace DocStream.Storage.Tests;

/// <summary>One real PostgreSQL server for the whole test class; each test gets its own database.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public PostgresServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await PostgresServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>The compliance suite on a real PostgreSQL server started by the tests.</summary>
public sealed class PostgresDocumentStoreTests(PostgresFixture fixture) : RelationalDocumentStoreCompliance, IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private readonly Dictionary<IDocumentStore, string> _connectionStrings = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _connectionStrings.Keys)
        {
            await store.DisposeAsync();
        }
    }

    [Fact]
    public async Task InitializeAsync_TwoInstancesAtOnce_MigrateOnce()
    {
        var connectionString = await fixture.Server.CreateDatabaseAsync($"db_{Guid.NewGuid():N}");
        var stores = Enumerable.Range(0, 4).Select(_ => Track(PostgresDocumentStore.Open(connectionString), connectionString)).ToArray();

        await Task.WhenAll(stores.Select(store => store.InitializeAsync(default)));

        Assert.Equal(true, await ScalarAsync(stores[0], "SELECT COUNT(*) = COUNT(DISTINCT version) AND COUNT(*) = MAX(version) FROM schema_migrations"));
    }

    [Fact]
    public async Task AddAsync_LargeDocument_StoresContentCompressedWithLz4()
    {
        var store = await CreateStoreAsync();
        var paragraph = string.Concat(Enumerable.Repeat("أعلنت وزارة الصحة في غزة عن ارتفاع عدد الضحايا. ", 200));
        var raw = Encoding.UTF8.GetBytes($"عنوان\r\n\r\n{paragraph}\n\n{paragraph}\n");
        await store.Writer.AddAsync([NewDocument.Create(raw, "large.txt", ArticleParser.Parse(Encoding.UTF8.GetString(raw)))], default);

        Assert.Equal("lz4,lz4", await ScalarAsync(store,
            "SELECT pg_column_compression(raw_content) || ',' || pg_column_compression(content_pb) FROM documents WHERE source_uri = 'large.txt'"));
    }

    protected override async Task<IDocumentStore> CreateStoreAsync(IStoryAssigner? assigner = null)
    {
        var connectionString = await fixture.Server.CreateDatabaseAsync($"db_{Guid.NewGuid():N}");
        var store = Track(PostgresDocumentStore.Open(connectionString, assigner), connectionString);
        await store.InitializeAsync(default);
        return store;
    }

    protected override bool HearsOtherInstances => true;

    protected override Task<IDocumentStore> OpenSameDatabaseAsync(IDocumentStore store, IStoryAssigner? assigner = null) =>
        Task.FromResult(Track(PostgresDocumentStore.Open(_connectionStrings[store], assigner), _connectionStrings[store]));

    protected override async Task ExecuteSqlAsync(IDocumentStore store, string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionStrings[store]);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    protected override async Task<object?> ScalarAsync(IDocumentStore store, string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionStrings[store]);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private IDocumentStore Track(IDocumentStore store, string connectionString)
    {
        _connectionStrings[store] = connectionString;
        return store;
    }
}
