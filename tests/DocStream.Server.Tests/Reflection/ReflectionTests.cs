using DocStream.Contracts.V1;
using DocStream.Testing;
using System.Text.Json;
using DocStream.Server.Tests.EndToEnd;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Reflection.V1;

namespace DocStream.Server.Tests.Reflection;

/// <summary>The service seen from outside with no proto files, the way an operator inspects it with grpcurl.</summary>
[Collection(ServerCollection.Name)]
public class ReflectionTests(SampleCorpusServerFixture fixture)
{
    private string Address => fixture.Server.Address;

    [Theory]
    [InlineData("grpc-v1")]
    [InlineData("grpc-v1alpha")]
    public async Task ListServices_EitherReflectionVersion_ShowsDocumentServiceAndHealth(string reflectProtocol)
    {
        var (exitCode, output, error) = await BufCli.CurlAsync("--reflect-protocol", reflectProtocol, "--list-services", Address);

        Assert.True(exitCode == 0, error);
        var services = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("docstream.v1.DocumentService", services);
        Assert.Contains("grpc.health.v1.Health", services);
    }

    [Fact]
    public async Task ListMethods_DocumentService_ShowsEveryRpc()
    {
        var (exitCode, output, error) = await BufCli.CurlAsync("--list-methods", Address);

        Assert.True(exitCode == 0, error);
        var methods = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(m => m.StartsWith("docstream.", StringComparison.Ordinal));
        string[] expected =
        [
            "CreateDocument", "ImportDocuments", "ImportDocumentBatches", "GetDocument", "BatchGetDocuments", "ListDocuments", "StreamDocuments", "WatchDocuments", "DeleteDocument",
            "SearchDocuments", "RebuildSearchIndex", "ListStories", "GetStory", "RegroupStories",
        ];
        Assert.Equal(
            expected.Select(m => "docstream.v1.DocumentService/" + m).Order(StringComparer.Ordinal),
            methods.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task GetDocument_JsonOverReflection_ReturnsTheParsedArticle()
    {
        var name = (await fixture.Server.Client.ListAllNamesAsync(filter: "source = \"صحيفة الاتحاد\""))[0];

        var (exitCode, output, error) = await BufCli.CurlAsync(
            "--data", JsonSerializer.Serialize(new { name, view = "DOCUMENT_VIEW_BASIC" }), $"{Address}/docstream.v1.DocumentService/GetDocument");

        Assert.True(exitCode == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(name, json.RootElement.GetProperty("name").GetString());
        Assert.Equal("بوتين يعرض المساعدة لإنهاء التصعيد في المنطقة", json.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task ListStories_JsonOverReflection_ShowsTheSampleStoryOfTwoOutlets()
    {
        var name = (await fixture.Server.Client.ListAllNamesAsync(filter: "source = \"صحيفة الاتحاد\""))[0];
        var story = (await fixture.Server.Client.GetDocumentAsync(new GetDocumentRequest { Name = name, View = DocumentView.Basic })).Story;

        var (exitCode, output, error) = await BufCli.CurlAsync("--data", "{}", $"{Address}/docstream.v1.DocumentService/ListStories");

        Assert.True(exitCode == 0, error);
        using var json = JsonDocument.Parse(output);
        var stories = json.RootElement.GetProperty("stories").EnumerateArray().ToList();
        Assert.Contains(stories, element => element.GetProperty("name").GetString() == story);
        Assert.Contains(stories, element => element.GetProperty("documentCount").GetString() == "2");
    }

    [Fact]
    public async Task StreamDocuments_JsonOverReflection_PrintsOneMessagePerDocument()
    {
        var expected = await fixture.Server.Client.ListAllNamesAsync(pageSize: 1000);

        var (exitCode, output, error) = await BufCli.CurlAsync(
            "--data", """{"view": "DOCUMENT_VIEW_BASIC"}""", $"{Address}/docstream.v1.DocumentService/StreamDocuments");

        Assert.True(exitCode == 0, error);
        var names = new List<string>();
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(output), new JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read())
        {
            using var message = JsonDocument.ParseValue(ref reader);
            names.Add(message.RootElement.GetProperty("document").GetProperty("name").GetString()!);
            Assert.False(string.IsNullOrEmpty(message.RootElement.GetProperty("resumeToken").GetString()));
        }

        Assert.Equal(expected, names);
    }

    [Fact]
    public async Task WatchDocuments_JsonOverReflection_PrintsTheSnapshotThenSnapshotCompleteUntilTheDeadline()
    {
        var expected = await fixture.Server.Client.ListAllNamesAsync(pageSize: 1000);

        // A watch never ends by itself: the call's deadline ends it, after the snapshot and a heartbeat or two.
        var (_, output, error) = await BufCli.CurlAsync(
            "--timeout", "3s", "--data", """{"view": "DOCUMENT_VIEW_BASIC", "heartbeat_interval": "1s"}""",
            $"{Address}/docstream.v1.DocumentService/WatchDocuments");

        Assert.Contains("deadline", error, StringComparison.OrdinalIgnoreCase);
        var events = new List<(string Event, string? Name)>();
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(output), new JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read())
        {
            using var message = JsonDocument.ParseValue(ref reader);
            var root = message.RootElement;
            Assert.False(string.IsNullOrEmpty(root.GetProperty("resumeToken").GetString()));
            events.Add(root.TryGetProperty("change", out var change)
                ? ("change", change.GetProperty("name").GetString())
                : (root.EnumerateObject().First(p => p.Name is "snapshotComplete" or "progress").Name, null));
        }

        Assert.Equal(expected, events.TakeWhile(e => e.Event == "change").Select(e => e.Name));
        Assert.Equal("snapshotComplete", events[expected.Count].Event);
        Assert.All(events.Skip(expected.Count + 1), e => Assert.Equal("progress", e.Event));
    }

    [Fact]
    public async Task ListDocuments_JsonOverReflection_ReturnsAPageAndAToken()
    {
        var (exitCode, output, error) = await BufCli.CurlAsync("--data", """{"page_size": 2}""", $"{Address}/docstream.v1.DocumentService/ListDocuments");

        Assert.True(exitCode == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(2, json.RootElement.GetProperty("documents").GetArrayLength());
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("nextPageToken").GetString()));
    }

    [Fact]
    public async Task HealthCheck_OverReflection_IsServing()
    {
        var (exitCode, output, error) = await BufCli.CurlAsync($"{Address}/grpc.health.v1.Health/Check");

        Assert.True(exitCode == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("SERVING", json.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task HealthCheck_ForTheServiceByName_IsServing()
    {
        var (exitCode, output, error) = await BufCli.CurlAsync(
            "--data", """{"service": "docstream.v1.DocumentService"}""", $"{Address}/grpc.health.v1.Health/Check");

        Assert.True(exitCode == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("SERVING", json.RootElement.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("documents/0123456789abcdef0123456789abcdef")]
    [InlineData("docs/1")]
    public async Task ErrorDetails_EachTypeTheServerSends_ResolvesThroughReflectionWithItsImports(string name)
    {
        // grpcurl -format-error decodes a detail only when reflection serves its type and every file that type imports.
        var error = await Assert.ThrowsAsync<RpcException>(() => fixture.Server.Client.GetDocumentAsync(new GetDocumentRequest { Name = name }).ResponseAsync);
        var typeNames = error.GetRpcStatus()!.Details.Select(detail => Google.Protobuf.WellKnownTypes.Any.GetTypeName(detail.TypeUrl)).ToList();
        Assert.NotEmpty(typeNames);

        foreach (var typeName in typeNames)
        {
            var file = await ReflectAsync(new() { FileContainingSymbol = typeName });
            Assert.Contains(typeName, file.MessageType.Select(message => $"{file.Package}.{message.Name}"));
            foreach (var dependency in file.Dependency)
            {
                Assert.Equal(dependency, (await ReflectAsync(new() { FileByFilename = dependency })).Name);
            }
        }
    }

    [Theory]
    [InlineData("docstream.v1.DocumentService", "GetDocument", "Returns one document.")]
    [InlineData("docstream.v1.Story", "Story", "List a story's documents with ListDocuments")]
    [InlineData("google.rpc.ErrorInfo", "ErrorInfo", "Describes the cause of the error")]
    public async Task FileContainingSymbol_ServesTheProtoFileWithItsComments(string symbol, string declared, string comment)
    {
        var file = await ReflectAsync(new() { FileContainingSymbol = symbol });

        var comments = file.SourceCodeInfo.Location.Select(location => location.LeadingComments).Where(text => text.Length > 0).ToList();
        Assert.Contains(declared, file.MessageType.Select(m => m.Name).Concat(file.Service.SelectMany(s => s.Method.Select(m => m.Name))));
        Assert.Contains(comments, text => text.Contains(comment, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetDocument_MalformedNameOverReflection_FailsWithInvalidArgument()
    {
        var (exitCode, _, error) = await BufCli.CurlAsync("--data", """{"name": "docs/1"}""", $"{Address}/docstream.v1.DocumentService/GetDocument");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("invalid_argument", error, StringComparison.Ordinal);
        Assert.Contains("must start with", error, StringComparison.Ordinal);
    }

    /// <summary>One reflection request, as grpcurl sends it; the first file of the answer is the one asked for.</summary>
    private async Task<FileDescriptorProto> ReflectAsync(ServerReflectionRequest request)
    {
        using var call = new ServerReflection.ServerReflectionClient(fixture.Server.Channel).ServerReflectionInfo();
        await call.RequestStream.WriteAsync(request);
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var response = call.ResponseStream.Current;
        Assert.True(response.MessageResponseCase == ServerReflectionResponse.MessageResponseOneofCase.FileDescriptorResponse, response.ErrorResponse?.ErrorMessage);
        return FileDescriptorProto.Parser.ParseFrom(response.FileDescriptorResponse.FileDescriptorProto[0]);
    }
}
