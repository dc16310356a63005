using DocStream.Contracts.V1;
using DocStream.Testing;
using Grpc.Core;

namespace DocStream.Server.Tests.EndToEnd;

/// <summary>Two server processes on one real PostgreSQL database, as behind a load balancer.</summary>
public sealed class PostgresInstancesFixture : IAsyncLifetime
{
    private PostgresServer _postgres = null!;

    public DocStreamServerProcess InstanceA { get; private set; } = null!;

    public DocStreamServerProcess InstanceB { get; private set; } = null!;

    /// <summary>The database both instances use.</summary>
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _postgres = await PostgresServer.StartAsync();
        var connectionString = ConnectionString = await _postgres.CreateDatabaseAsync("docstream");
        string[] arguments = ["--Storage:Provider=Postgres", $"--Storage:ConnectionString={connectionString}"];
        var starting = new[] { DocStreamServerProcess.StartAsync(null, arguments), DocStreamServerProcess.StartAsync(null, arguments) };
        await Task.WhenAll(starting);
        (InstanceA, InstanceB) = (starting[0].Result, starting[1].Result);
    }

    public async Task DisposeAsync()
    {
        await InstanceA.DisposeAsync();
        await InstanceB.DisposeAsync();
        await _postgres.DisposeAsync();
    }
}

public sealed class PostgresInstancesTests(PostgresInstancesFixture fixture) : IClassFixture<PostgresInstancesFixture>
{
    private DocStreamServerProcess InstanceA => fixture.InstanceA;

    private DocStreamServerProcess InstanceB => fixture.InstanceB;

    [Fact]
    public async Task Startup_BothInstancesOnAnEmptyDatabase_ImportTheSamplesOnce()
    {
        var names = await InstanceA.Client.ListAllNamesAsync(pageSize: 1000);

        foreach (var file in CorpusHelpers.SampleFiles())
        {
            Assert.Single(names, name => name == CorpusHelpers.NameOf(File.ReadAllBytes(file)));
        }

        Assert.Equal(names, await InstanceB.Client.ListAllNamesAsync(pageSize: 1000));
    }

    [Fact]
    public async Task CreateDocument_ThroughA_IsReadListedAndStreamedThroughBAtOnce()
    {
        var content = CorpusHelpers.UniqueArticle();

        var created = await InstanceA.Client.CreateAsync(content);

        var read = await InstanceB.Client.GetDocumentAsync(new GetDocumentRequest { Name = created.Name });
        Assert.Equal(content, read.RawContent.ToByteArray());
        Assert.Equal(created.Etag, read.Etag);
        Assert.Contains(created.Name, await InstanceB.Client.ListAllNamesAsync(pageSize: 1000));
        Assert.Contains(created.Name, (await InstanceB.Client.StreamAllAsync(new StreamDocumentsRequest())).Select(s => s.Document.Name));
    }

    [Fact]
    public async Task ListDocuments_PageTokenFromA_ContinuesOnB()
    {
        var all = await InstanceA.Client.ListAllNamesAsync(pageSize: 1000);
        var first = await InstanceA.Client.ListDocumentsAsync(new ListDocumentsRequest { PageSize = 2 });

        var second = await InstanceB.Client.ListDocumentsAsync(new ListDocumentsRequest { PageSize = 1000, PageToken = first.NextPageToken });

        Assert.Equal(all, first.Documents.Select(d => d.Name).Concat(second.Documents.Select(d => d.Name)));
    }

    [Fact]
    public async Task DeleteDocument_ThroughB_IsGoneThroughA()
    {
        var created = await InstanceA.Client.CreateAsync(CorpusHelpers.UniqueArticle());

        await InstanceB.Client.DeleteDocumentAsync(new DeleteDocumentRequest { Name = created.Name, Etag = created.Etag });

        var error = await Assert.ThrowsAsync<RpcException>(() => InstanceA.Client.GetDocumentAsync(new GetDocumentRequest { Name = created.Name }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task SearchDocuments_SamplesImportedByOneInstance_AreFoundOnBoth()
    {
        var onA = await InstanceA.Client.SearchAsync("اسرائيل");

        Assert.Equal(CorpusHelpers.SampleFiles().Count, onA.Count);
        Assert.Equal(onA.Select(h => h.Name).Order(StringComparer.Ordinal),
            (await InstanceB.Client.SearchAsync("اسرائيل")).Select(h => h.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task CreateDocument_ThroughA_IsFoundBySearchOnBAtOnce()
    {
        var word = SearchTests.UniqueWord();

        var created = await InstanceA.Client.CreateAsync(SearchTests.Article(word));

        var hit = Assert.Single(await InstanceB.Client.SearchAsync(word));
        Assert.Equal(created.Name, hit.Name);
        Assert.Equal(created.Title, hit.Title);
    }

    [Fact]
    public async Task DeleteDocument_ThroughB_IsNoLongerFoundBySearchOnA()
    {
        var word = SearchTests.UniqueWord();
        var created = await InstanceA.Client.CreateAsync(SearchTests.Article(word));
        Assert.Single(await InstanceA.Client.SearchAsync(word));

        await InstanceB.Client.DeleteDocumentAsync(new DeleteDocumentRequest { Name = created.Name, Etag = created.Etag });

        Assert.Empty(await InstanceA.Client.SearchAsync(word));
        Assert.Empty(await InstanceB.Client.SearchAsync(word));
    }

    [Fact]
    public async Task CreateDocument_ConcurrentlyThroughBoth_EveryDocumentIsFoundOnEither()
    {
        var word = SearchTests.UniqueWord();

        var created = await Task.WhenAll(Enumerable.Range(0, 12)
            .Select(i => (i % 2 == 0 ? InstanceA : InstanceB).Client.CreateAsync(SearchTests.Article(word))));

        var expected = created.Select(d => d.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, (await InstanceA.Client.SearchAsync(word, limit: 100)).Select(h => h.Name).Order(StringComparer.Ordinal));
        Assert.Equal(expected, (await InstanceB.Client.SearchAsync(word, limit: 100)).Select(h => h.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task CreateDocument_OneEventThroughBothAtTheSameMoment_EndsInOneStory()
    {
        var corpus = Path.Combine(RepositoryLayout.Root, "tests", "corpora", "stories");
        for (var round = 0; round < 3; round++)
        {
            // A line after the boilerplate makes new bytes of the same two reports of one summit.
            var marker = $"\n{Guid.NewGuid()}\n";
            var reports = await Task.WhenAll(
                InstanceA.Client.CreateAsync([.. File.ReadAllBytes(Path.Combine(corpus, "s213_amman_summit_a.txt")), .. System.Text.Encoding.UTF8.GetBytes(marker)]),
                InstanceB.Client.CreateAsync([.. File.ReadAllBytes(Path.Combine(corpus, "s214_amman_summit_b.txt")), .. System.Text.Encoding.UTF8.GetBytes(marker)]));

            Assert.NotEqual("", reports[0].Story);
            Assert.Equal(reports[0].Story, reports[1].Story);
            var story = await InstanceB.Client.GetStoryAsync(new GetStoryRequest { Name = reports[0].Story });
            Assert.True(story.DocumentCount >= 2);
        }
    }

    [Fact]
    public async Task WatchDocuments_OnB_SeesADocumentCreatedThroughA()
    {
        using var watch = WatchSession.Open(InstanceB.Client, new WatchDocumentsRequest { Start = WatchDocumentsRequest.Types.Start.Now });
        await watch.NextAsync();

        var created = await InstanceA.Client.CreateAsync(CorpusHelpers.UniqueArticle());
        var change = await watch.UntilAsync(m => m.EventCase == WatchDocumentsResponse.EventOneofCase.Change && m.Change.Name == created.Name);

        Assert.Equal(DocumentChange.Types.Type.Created, change[^1].Change.Type);
        Assert.Equal(created.Etag, change[^1].Change.Document.Etag);
    }

    [Fact]
    public async Task WatchDocuments_TokenFromA_ResumesOnBWithNoGapAndNoDuplicate()
    {
        string token;
        using (var onA = WatchSession.Open(InstanceA.Client, new WatchDocumentsRequest { Start = WatchDocumentsRequest.Types.Start.Now, View = DocumentView.Basic }))
        {
            await onA.NextAsync();
            var first = await InstanceA.Client.CreateAsync(CorpusHelpers.UniqueArticle());
            token = (await onA.UntilAsync(m => m.EventCase == WatchDocumentsResponse.EventOneofCase.Change && m.Change.Name == first.Name))[^1].ResumeToken;
        }

        var second = await InstanceB.Client.CreateAsync(CorpusHelpers.UniqueArticle());
        var third = await InstanceA.Client.CreateAsync(CorpusHelpers.UniqueArticle());
        using var onB = WatchSession.Open(InstanceB.Client, new WatchDocumentsRequest { ResumeToken = token, View = DocumentView.Basic });
        var resumed = await onB.UntilAsync(m => m.EventCase == WatchDocumentsResponse.EventOneofCase.Change && m.Change.Name == third.Name);

        // Other tests of the class write to the same database meanwhile; these two must come in order, once each.
        var names = resumed.Where(m => m.EventCase == WatchDocumentsResponse.EventOneofCase.Change).Select(m => m.Change.Name).ToList();
        Assert.Equal(1, names.Count(name => name == second.Name));
        Assert.True(names.IndexOf(second.Name) < names.IndexOf(third.Name));
    }

    [Fact]
    public async Task WatchDocuments_ListeningConnectionKilled_ListensAgainAndStillSeesWritesThroughTheOtherInstance()
    {
        // No heartbeat within the test's patience: only a notification can bring the change.
        using var watch = WatchSession.Open(InstanceB.Client, new WatchDocumentsRequest
        {
            Start = WatchDocumentsRequest.Types.Start.Now, HeartbeatInterval = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromMinutes(10)),
        });
        await watch.NextAsync();

        await using (var connection = new Npgsql.NpgsqlConnection(fixture.ConnectionString))
        {
            await connection.OpenAsync();
            await using var terminate = new Npgsql.NpgsqlCommand(
                "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE query LIKE 'LISTEN docstream_changes%' AND pid <> pg_backend_pid()", connection);
            Assert.Equal(2L, await terminate.ExecuteScalarAsync());
        }

        var created = await InstanceA.Client.CreateAsync(CorpusHelpers.UniqueArticle());
        var change = await watch.UntilAsync(m => m.EventCase == WatchDocumentsResponse.EventOneofCase.Change && m.Change.Name == created.Name);

        Assert.Equal(DocumentChange.Types.Type.Created, change[^1].Change.Type);
        Assert.Contains("Listening for other instances' writes failed", InstanceB.Output, StringComparison.Ordinal);
    }
}

/// <summary>A server whose PostgreSQL goes away while it runs.</summary>
public sealed class PostgresOutageTests
{
    [Fact]
    public async Task Calls_PostgresGone_AreUnavailableStoreUnavailable()
    {
        var postgres = await PostgresServer.StartAsync();
        var connectionString = await postgres.CreateDatabaseAsync("docstream");
        await using var server = await DocStreamServerProcess.StartAsync(null, "--Storage:Provider=Postgres", $"--Storage:ConnectionString={connectionString};Timeout=3");
        var name = (await server.Client.ListDocumentsAsync(new ListDocumentsRequest { PageSize = 1 })).Documents[0].Name;

        await postgres.DisposeAsync();
        var list = await Assert.ThrowsAsync<RpcException>(() => server.Client.ListDocumentsAsync(new ListDocumentsRequest()).ResponseAsync);
        var get = await Assert.ThrowsAsync<RpcException>(() => server.Client.GetDocumentAsync(new GetDocumentRequest { Name = name }).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, list.StatusCode);
        Assert.Equal("STORE_UNAVAILABLE", list.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>().Reason);
        Assert.Equal(StatusCode.Unavailable, get.StatusCode);
    }
}
