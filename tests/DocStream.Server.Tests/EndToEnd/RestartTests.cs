using DocStream.Contracts.V1;
using DocStream.Testing;
using Grpc.Core;
using Grpc.Health.V1;

namespace DocStream.Server.Tests.EndToEnd;

public class RestartTests
{
    [Fact]
    public async Task Restart_SameDataDirectory_KeepsDocumentsAndDoesNotReimportSamples()
    {
        await using var server = await DocStreamServerProcess.StartAsync();
        var content = CorpusHelpers.UniqueArticle();
        var created = await server.Client.CreateAsync(content);
        var sample = (await server.Client.ListAllNamesAsync(pageSize: 1000))[0];
        await server.Client.DeleteDocumentAsync(new DeleteDocumentRequest { Name = sample });
        var before = await server.Client.ListAllNamesAsync(pageSize: 1000);

        await server.RestartAsync();

        Assert.Equal(before, await server.Client.ListAllNamesAsync(pageSize: 1000));
        var read = await server.Client.GetDocumentAsync(new GetDocumentRequest { Name = created.Name });
        Assert.Equal(content, read.RawContent.ToByteArray());
        Assert.Equal(created.Etag, read.Etag);
    }

    [Fact]
    public async Task Restart_PageTokenFromBeforeTheRestart_StillWorks()
    {
        await using var server = await DocStreamServerProcess.StartAsync();
        var first = await server.Client.ListDocumentsAsync(new ListDocumentsRequest { PageSize = 2 });

        await server.RestartAsync();

        var next = await server.Client.ListDocumentsAsync(new ListDocumentsRequest { PageSize = 2, PageToken = first.NextPageToken });
        Assert.NotEmpty(next.Documents);
        Assert.DoesNotContain(next.Documents[0].Name, first.Documents.Select(d => d.Name));
    }

    [Fact]
    public async Task Startup_NoSampleDirectory_ServesAnEmptyStore()
    {
        await using var server = await DocStreamServerProcess.StartAsync(null, "--Corpus:SampleDirectory=/nonexistent");

        var health = await new Health.HealthClient(server.Channel).CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        Assert.Empty(await server.Client.ListAllNamesAsync());
        Assert.Contains("does not exist", server.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Oracle")]
    [InlineData("1")]
    public async Task Startup_UnknownStorageProvider_ExitsWithAClearMessage(string provider)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => DocStreamServerProcess.StartAsync(null, $"--Storage:Provider={provider}"));

        Assert.Contains($"Storage:Provider \"{provider}\" is not supported; use one of \"Sqlite\", \"Postgres\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_MessageLimitTooSmallForAChunk_ExitsWithAClearMessage()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => DocStreamServerProcess.StartAsync(null, "--Limits:MaxMessageBytes=1000"));

        Assert.Contains("Limits:MaxMessageBytes must be at least 16384 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_NegativeIndexCommitInterval_ExitsWithAClearMessage()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => DocStreamServerProcess.StartAsync(null, "--Search:CommitInterval=-00:00:01"));

        Assert.Contains("Search:CommitInterval must not be negative", error.Message, StringComparison.Ordinal);
    }
}
