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

    public async Task InitializeAsync()
    {
        _postgres = await PostgresServer.StartAsync();
        var connectionString = await _postgres.CreateDatabaseAsync("docstream");
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
}
