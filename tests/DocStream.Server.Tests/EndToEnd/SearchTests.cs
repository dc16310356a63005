using System.Text;
using DocStream.Contracts.V1;
using DocStream.Testing;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;

namespace DocStream.Server.Tests.EndToEnd;

/// <summary>SearchDocuments and RebuildSearchIndex through the generated client against the real server.</summary>
[Collection(ServerCollection.Name)]
public class SearchTests(SampleCorpusServerFixture fixture)
{
    private DocumentService.DocumentServiceClient Client => fixture.Server.Client;

    [Fact]
    public async Task SearchDocuments_BareAlefSpelling_FindsEverySeedBestFirstWithMarkedSnippets()
    {
        var hits = await Client.SearchAsync("اسرائيل");

        var seeds = new List<string>();
        foreach (var file in CorpusHelpers.SampleFiles())
        {
            seeds.Add(CorpusHelpers.NameOf(await File.ReadAllBytesAsync(file)));
        }

        Assert.Equal(seeds.Order(StringComparer.Ordinal), hits.Select(h => h.Name).Order(StringComparer.Ordinal));
        Assert.True(hits.Zip(hits.Skip(1)).All(pair => pair.First.Score >= pair.Second.Score));
        Assert.All(hits, h => Assert.Matches(@"\[[^\]]*إسرائيل[^\]]*\]", h.Snippet));
        Assert.All(hits, h => Assert.Equal(hits.Count, h.TotalHits));
    }

    [Fact]
    public async Task SearchDocuments_WordOnlyInATeaser_FindsNothing() =>
        Assert.Empty(await Client.SearchAsync("بايدن"));

    [Fact]
    public async Task CreateDocument_NewArticle_IsSearchableAsSoonAsItReturns()
    {
        var word = UniqueWord();
        var created = await Client.CreateAsync(Article(word));

        var hit = Assert.Single(await Client.SearchAsync(word));

        Assert.Equal(created.Name, hit.Name);
        Assert.Equal(created.Title, hit.Title);
    }

    [Fact]
    public async Task ImportDocuments_NewArticles_AreSearchableAsSoonAsItReturns()
    {
        var word = UniqueWord();
        using var call = Client.ImportDocuments();
        await call.RequestStream.WriteAsync(new ImportDocumentsRequest { Content = ByteString.CopyFrom(Article(word)), SourceUri = "a.txt" });
        await call.RequestStream.WriteAsync(new ImportDocumentsRequest { Content = ByteString.CopyFrom(Article(word)), SourceUri = "b.txt" });
        await call.RequestStream.CompleteAsync();
        var summary = await call;

        Assert.Equal(summary.Results.Select(r => r.Name).Order(StringComparer.Ordinal), (await Client.SearchAsync(word)).Select(h => h.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task DeleteDocument_IndexedArticle_IsGoneAsSoonAsItReturns()
    {
        var word = UniqueWord();
        var created = await Client.CreateAsync(Article(word));

        await Client.DeleteDocumentAsync(new DeleteDocumentRequest { Name = created.Name });

        Assert.Empty(await Client.SearchAsync(word));
    }

    [Fact]
    public async Task SearchDocuments_Filter_AppliesTheListDocumentsSyntax()
    {
        var hits = await Client.SearchAsync("بوتين", filter: "source = \"صحيفة الاتحاد\"");

        Assert.Equal((await Client.ListAllNamesAsync(filter: "source = \"صحيفة الاتحاد\"")).Single(), Assert.Single(hits).Name);
    }

    [Fact]
    public async Task SearchDocuments_LimitAndMarkers_AreHonoured()
    {
        var hits = await Client.SearchAsync("بوتين", limit: 2, start: "<<", end: ">>");

        Assert.Equal(2, hits.Count);
        Assert.True(hits[0].TotalHits >= 4);
        Assert.All(hits, h => Assert.Contains("<<", h.Snippet, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("غزة \"حل الدولتين", "QUERY_INVALID", 4)]
    [InlineData("غزة OR", "QUERY_INVALID", 4)]
    [InlineData("-غزة", "QUERY_INVALID", 0)]
    [InlineData("", "QUERY_INVALID", 0)]
    [InlineData("في من", "QUERY_HAS_NO_TERMS", 0)]
    public async Task SearchDocuments_BadQuery_IsInvalidArgumentWithThePosition(string query, string reason, int position)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.SearchAsync(query));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var status = error.GetRpcStatus()!;
        var info = status.GetDetail<ErrorInfo>();
        Assert.Equal(reason, info.Reason);
        Assert.Equal(position.ToString(System.Globalization.CultureInfo.InvariantCulture), info.Metadata["position"]);
        Assert.Equal("query", Assert.Single(status.GetDetail<BadRequest>().FieldViolations).Field);
    }

    [Fact]
    public async Task SearchDocuments_BadFilterOrLimit_NamesTheField()
    {
        var filter = await Assert.ThrowsAsync<RpcException>(() => Client.SearchAsync("بوتين", filter: "colour = red"));
        var limit = await Assert.ThrowsAsync<RpcException>(() => Client.SearchAsync("بوتين", limit: -1));

        Assert.Equal("filter", Assert.Single(filter.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations).Field);
        Assert.Equal("limit", Assert.Single(limit.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations).Field);
    }

    [Fact]
    public async Task RebuildSearchIndex_ReturnsTheStoredCountAndKeepsResults()
    {
        var before = await Client.SearchAsync("اسرائيل");

        var response = await Client.RebuildSearchIndexAsync(new RebuildSearchIndexRequest());

        Assert.Equal((await Client.ListAllNamesAsync(pageSize: 1000)).Count, response.IndexedCount);
        Assert.Equal(before.Select(h => h.Name), (await Client.SearchAsync("اسرائيل")).Select(h => h.Name));
    }

    internal static byte[] Article(string word) =>
        Encoding.UTF8.GetBytes($"خبر تجريبي {Guid.NewGuid():N}\n\nفقرة عن {word} في الخبر.\n\nالمصدر: وكالة الاختبار\n");

    internal static string UniqueWord() => "كلمة" + Guid.NewGuid().ToString("N")[..8];
}

/// <summary>Searching across restarts, each on a server of its own.</summary>
public class SearchRestartTests
{
    private const string Rebuilt = "Search index rebuilt";

    [Fact]
    public async Task SearchDocuments_AfterRestart_StillFindsWithoutARebuild()
    {
        await using var server = await DocStreamServerProcess.StartAsync();
        var word = SearchTests.UniqueWord();
        var created = await server.Client.CreateAsync(SearchTests.Article(word));
        var rebuildsBefore = Count(server.Output, Rebuilt);

        await server.RestartAsync();

        Assert.Equal(created.Name, Assert.Single(await server.Client.SearchAsync(word)).Name);
        Assert.Equal(rebuildsBefore, Count(server.Output, Rebuilt));
        Assert.True(server.LoggedErrors().Count == 0, server.Output);
    }

    [Fact]
    public async Task Startup_IndexDirectoryDeletedWhileStopped_RebuildsIt()
    {
        await using var server = await DocStreamServerProcess.StartAsync();
        var word = SearchTests.UniqueWord();
        var created = await server.Client.CreateAsync(SearchTests.Article(word));
        await server.StopAsync();
        Directory.Delete(Path.Combine(server.DataDirectory, "search-index"), recursive: true);

        await server.RestartAsync();

        Assert.Equal(created.Name, Assert.Single(await server.Client.SearchAsync(word)).Name);
        Assert.Equal(5, (await server.Client.SearchAsync("اسرائيل")).Count);
        Assert.Contains("Rebuilding the search index from the store: there is no index yet", server.Output, StringComparison.Ordinal);
        Assert.Empty(server.LoggedErrors());
    }

    private static int Count(string text, string value) => text.Split(value).Length - 1;
}

internal static class SearchClientExtensions
{
    public static async Task<List<SearchDocumentsResponse>> SearchAsync(
        this DocumentService.DocumentServiceClient client, string query, string filter = "", int limit = 0, string start = "", string end = "")
    {
        using var call = client.SearchDocuments(new SearchDocumentsRequest { Query = query, Filter = filter, Limit = limit, HighlightStart = start, HighlightEnd = end });
        var hits = new List<SearchDocumentsResponse>();
        await foreach (var hit in call.ResponseStream.ReadAllAsync())
        {
            hits.Add(hit);
        }

        return hits;
    }
}
