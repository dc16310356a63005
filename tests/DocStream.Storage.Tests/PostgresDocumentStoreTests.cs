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

    [Fact]
    public async Task AddAsync_ABatchCopiedInBulk_StoresTheRowsAnInsertOfOneDocumentStores()
    {
        var alone = await CreateStoreAsync();
        var copied = await CreateStoreAsync();
        var article = Article("a", published: new DateTimeOffset(2023, 10, 13, 9, 30, 0, TimeSpan.Zero), sources: ["RT", "الوطن", "RT"]);
        const string row = """
            SELECT string_agg(concat_ws('|', d.id, d.content_sha256, d.source_uri, encode(d.raw_content, 'hex'), d.size_bytes, d.title,
                d.published_micros, d.language_code, encode(d.meta_pb, 'hex'), d.meta_json, encode(d.content_pb, 'hex'), d.content_json,
                d.parser_version, d.story_id, d.near_duplicate_of, d.change_seq = d.created_change,
                (SELECT string_agg(s.source, ',' ORDER BY s.source) FROM document_sources s WHERE s.seq = d.seq)), ';')
            FROM documents d WHERE d.source_uri = 'a.txt'
            """;

        await alone.Writer.AddAsync([article], default);
        await copied.Writer.AddAsync([Article("b"), article, Article("c", sources: ["RT"])], default);

        var expected = (string)(await ScalarAsync(alone, row))!;
        Assert.Contains("RT,الوطن", expected, StringComparison.Ordinal);
        Assert.Equal(expected, await ScalarAsync(copied, row));
        Assert.Equal(3L, await ScalarAsync(copied, "SELECT COUNT(*) FROM document_sources"));
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Database=docstream", PostgresDocumentStore.DefaultMaxAutoPrepare)]
    [InlineData("Host=127.0.0.1;Database=docstream;Max Auto Prepare=0", 0)]
    [InlineData("Host=127.0.0.1;Database=docstream;maxautoprepare=5", 5)]
    public void CreateDataSource_PreparesRecurringStatementsUnlessTheConnectionStringSays(string connectionString, int expected)
    {
        using var dataSource = PostgresDocumentStore.CreateDataSource(connectionString);

        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).MaxAutoPrepare);
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
