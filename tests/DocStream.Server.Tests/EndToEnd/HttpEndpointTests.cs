using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DocStream.Contracts.V1;
using DocStream.Testing;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;

namespace DocStream.Server.Tests.EndToEnd;

/// <summary>
/// The HTTP/1.1 endpoint of the real server: JSON transcoding (the contract's google.api.http rules, server streams as
/// newline-delimited JSON) for curl and tools that speak no gRPC, and gRPC-Web for browsers.
/// </summary>
[Collection(ServerCollection.Name)]
public class HttpEndpointTests(SampleCorpusServerFixture fixture)
{
    private static readonly HttpClient Http = new() { DefaultRequestVersion = HttpVersion.Version11, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };

    private string HttpAddress => fixture.Server.HttpAddress;

    [Fact]
    public async Task ListDocuments_GetWithQueryParameters_ReturnsAPageAsJson()
    {
        using var json = JsonDocument.Parse(await Http.GetStringAsync($"{HttpAddress}/v1/documents?pageSize=2&view=DOCUMENT_VIEW_BASIC"));

        Assert.Equal(2, json.RootElement.GetProperty("documents").GetArrayLength());
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("nextPageToken").GetString()));
    }

    [Fact]
    public async Task GetDocument_NameInThePath_ReturnsTheParsedArticle()
    {
        var name = (await fixture.Server.Client.ListAllNamesAsync(filter: "source = \"صحيفة الاتحاد\""))[0];

        using var json = JsonDocument.Parse(await Http.GetStringAsync($"{HttpAddress}/v1/{name}?view=DOCUMENT_VIEW_BASIC"));

        Assert.Equal(name, json.RootElement.GetProperty("name").GetString());
        Assert.Equal("بوتين يعرض المساعدة لإنهاء التصعيد في المنطقة", json.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task GetDocument_UnknownName_Is404WithTheErrorInfoAsJson()
    {
        using var response = await Http.GetAsync($"{HttpAddress}/v1/documents/0123456789abcdef0123456789abcdef");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(5, json.RootElement.GetProperty("code").GetInt32());
        var detail = Assert.Single(json.RootElement.GetProperty("details").EnumerateArray());
        Assert.Equal("type.googleapis.com/google.rpc.ErrorInfo", detail.GetProperty("@type").GetString());
        Assert.Equal("DOCUMENT_NOT_FOUND", detail.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task ListDocuments_BadFilter_Is400WithTheBadRequestAsJson()
    {
        using var response = await Http.GetAsync($"{HttpAddress}/v1/documents?filter={Uri.EscapeDataString("source =")}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(json.RootElement.GetProperty("details").EnumerateArray(),
            detail => detail.GetProperty("@type").GetString() == "type.googleapis.com/google.rpc.BadRequest"
                && detail.GetProperty("fieldViolations")[0].GetProperty("field").GetString() == "filter");
    }

    [Fact]
    public async Task StreamDocuments_ServerStream_IsOneJsonObjectPerLineInStreamOrder()
    {
        var expected = await fixture.Server.Client.ListAllNamesAsync(pageSize: 1000);

        var body = await Http.GetStringAsync($"{HttpAddress}/v1/documents:stream?view=DOCUMENT_VIEW_BASIC");

        var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var names = lines.Select(line =>
        {
            using var message = JsonDocument.Parse(line);
            Assert.False(string.IsNullOrEmpty(message.RootElement.GetProperty("resumeToken").GetString()));
            return message.RootElement.GetProperty("document").GetProperty("name").GetString();
        });
        Assert.Equal(expected, names);
    }

    [Fact]
    public async Task SearchDocuments_QueryParameter_StreamsHitsAsJsonLines()
    {
        var body = await Http.GetStringAsync($"{HttpAddress}/v1/documents:search?query={Uri.EscapeDataString("بوتين")}");

        var titles = body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("title").GetString());
        Assert.Contains("بوتين يعرض المساعدة لإنهاء التصعيد في المنطقة", titles);
    }

    [Fact]
    public async Task GrpcWeb_OverHttp11_CallsUnaryAndStreamingRpcsWithTheGeneratedClient()
    {
        using var channel = GrpcChannel.ForAddress(HttpAddress, new GrpcChannelOptions
        {
            HttpHandler = new GrpcWebHandler(GrpcWebMode.GrpcWebText, new HttpClientHandler()),
            HttpVersion = HttpVersion.Version11,
            HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });
        var client = new DocumentService.DocumentServiceClient(channel);
        var expected = await fixture.Server.Client.ListAllNamesAsync(pageSize: 1000);

        var page = await client.ListDocumentsAsync(new ListDocumentsRequest { PageSize = 1000 });
        var streamed = new List<string>();
        using var stream = client.StreamDocuments(new StreamDocumentsRequest { View = DocumentView.Basic });
        while (await stream.ResponseStream.MoveNext(CancellationToken.None))
        {
            streamed.Add(stream.ResponseStream.Current.Document.Name);
        }

        Assert.Equal(expected, page.Documents.Select(d => d.Name));
        Assert.Equal(expected, streamed);
    }

    [Fact]
    public async Task GrpcEndpoint_StaysHttp2Only()
    {
        using var response = await Http.GetAsync($"{fixture.Server.Address}/v1/documents");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpVersion.Version11, response.Version);
    }

    [Fact]
    public async Task CreateThenDelete_PostAndDelete_StoreAndRemoveTheDocument()
    {
        await using var server = await DocStreamServerProcess.StartAsync(null, "--Corpus:ImportSamplesWhenEmpty=false");
        var content = Encoding.UTF8.GetBytes("عنوان تجريبي للنقل عبر HTTP\n\nنص قصير يصل عبر JSON بدل gRPC.\n");

        using var created = await Http.PostAsJsonAsync($"{server.HttpAddress}/v1/documents", new { content = Convert.ToBase64String(content), sourceUri = "curl" });
        created.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var name = json.RootElement.GetProperty("name").GetString()!;
        Assert.Equal("عنوان تجريبي للنقل عبر HTTP", json.RootElement.GetProperty("title").GetString());
        Assert.Equal(name, (await server.Client.GetDocumentAsync(new GetDocumentRequest { Name = name })).Name);

        using var deleted = await Http.DeleteAsync($"{server.HttpAddress}/v1/{name}");
        deleted.EnsureSuccessStatusCode();
        using var gone = await Http.GetAsync($"{server.HttpAddress}/v1/{name}");

        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Empty(server.LoggedErrors());
    }
}
