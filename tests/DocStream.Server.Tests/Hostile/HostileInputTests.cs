using DocStream.Contracts.V1;
using DocStream.Testing;
using Google.Protobuf;
using Grpc.Core;

namespace DocStream.Server.Tests.Hostile;

/// <summary>
/// Thousands of hostile requests over every RPC against the real server (health and reflection too), as bytes on the wire: each is answered with
/// a status that says what is wrong (never UNKNOWN or INTERNAL), the server logs no error, and the stored documents
/// are as they were except for the documents valid creates added.
/// </summary>
public class HostileInputTests
{
    private const int Seed = 20261202;
    private const int RequestsPerMethod = 170;

    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(bytes => bytes, bytes => bytes);

    [Fact]
    public async Task EveryRpc_HostileRequests_AreAnsweredWithAClearStatusAndChangeNothingStored()
    {
        await using var server = await DocStreamServerProcess.StartAsync();
        var client = server.Client;
        var before = await SnapshotAsync(client);
        var requests = new HostileRequests(new Random(Seed), await ValidSeedsAsync(client, before)).All(RequestsPerMethod).ToList();
        Assert.True(requests.Count >= 2000, $"only {requests.Count} requests");

        var invoker = server.Channel.CreateCallInvoker();
        var outcomes = new List<(HostileRequest Request, StatusCode Status, string Detail)>();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (request, _) =>
        {
            var (status, detail) = await CallAsync(invoker, request);
            lock (outcomes)
            {
                outcomes.Add((request, status, detail));
            }
        });

        var unclear = outcomes.Where(o => o.Status is StatusCode.Unknown or StatusCode.Internal).Select(o => $"{o.Status} {o.Detail}: {o.Request}").ToList();
        Assert.True(unclear.Count == 0, $"{unclear.Count} of {outcomes.Count} unclear answers:\n{string.Join('\n', unclear.Take(20))}");
        Assert.Empty(server.LoggedErrors());
        var after = await SnapshotAsync(client);
        Assert.All(before, entry => Assert.Equal(entry.Value, after.GetValueOrDefault(entry.Key)));
        var created = outcomes.Count(o => o.Status == StatusCode.OK && o.Request.Method.Name is "CreateDocument" or "ImportDocuments" or "ImportDocumentBatches");
        Assert.InRange(after.Count - before.Count, 0, created * 2);
    }

    /// <summary>Sends the request's bytes as they are; a stream is read to its end or until its short deadline.</summary>
    private static async Task<(StatusCode Status, string Detail)> CallAsync(CallInvoker invoker, HostileRequest request)
    {
        var method = request.Method;
        var type = (method.IsClientStreaming, method.IsServerStreaming) switch
        {
            (false, false) => MethodType.Unary,
            (true, false) => MethodType.ClientStreaming,
            (false, true) => MethodType.ServerStreaming,
            _ => MethodType.DuplexStreaming,
        };
        var definition = new Method<byte[], byte[]>(type, method.Service.FullName, method.Name, Bytes, Bytes);
        // A valid watch never ends by itself: its deadline ends it.
        var deadline = DateTime.UtcNow.Add(method.Name is "WatchDocuments" or "Watch" ? TimeSpan.FromMilliseconds(300) : TimeSpan.FromSeconds(60));
        var options = new CallOptions(deadline: deadline);
        try
        {
            switch (type)
            {
                case MethodType.Unary:
                    await invoker.AsyncUnaryCall(definition, null, options, request.Messages[0]);
                    break;
                case MethodType.ClientStreaming:
                    using (var call = invoker.AsyncClientStreamingCall(definition, null, options))
                    {
                        await SendAllAsync(call.RequestStream, request.Messages);
                        await call.ResponseAsync;
                    }

                    break;
                case MethodType.DuplexStreaming:
                    using (var call = invoker.AsyncDuplexStreamingCall(definition, null, options))
                    {
                        await SendAllAsync(call.RequestStream, request.Messages);
                        while (await call.ResponseStream.MoveNext(CancellationToken.None))
                        {
                        }
                    }

                    break;
                default:
                    using (var call = invoker.AsyncServerStreamingCall(definition, null, options, request.Messages[0]))
                    {
                        while (await call.ResponseStream.MoveNext(CancellationToken.None))
                        {
                        }
                    }

                    break;
            }

            return (StatusCode.OK, "");
        }
        catch (RpcException ex)
        {
            return (ex.StatusCode, ex.Status.Detail);
        }
    }

    private static async Task SendAllAsync(IClientStreamWriter<byte[]> requests, IReadOnlyList<byte[]> messages)
    {
        foreach (var message in messages)
        {
            await requests.WriteAsync(message);
        }

        await requests.CompleteAsync();
    }

    /// <summary>Every stored document's name with its etag and digest.</summary>
    private static async Task<Dictionary<string, string>> SnapshotAsync(DocumentService.DocumentServiceClient client)
    {
        var snapshot = new Dictionary<string, string>();
        var request = new ListDocumentsRequest { PageSize = 1000, View = DocumentView.Basic };
        do
        {
            var page = await client.ListDocumentsAsync(request);
            foreach (var document in page.Documents)
            {
                snapshot[document.Name] = $"{document.Etag} {document.ContentSha256}";
            }

            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);
        return snapshot;
    }

    /// <summary>A valid request per method, with real names and tokens, for the mutations to start from.</summary>
    private static async Task<Dictionary<string, IMessage>> ValidSeedsAsync(DocumentService.DocumentServiceClient client, Dictionary<string, string> stored)
    {
        var name = stored.Keys.First();
        var story = (await client.GetDocumentAsync(new GetDocumentRequest { Name = name, View = DocumentView.Basic })).Story;
        var pageToken = (await client.ListDocumentsAsync(new ListDocumentsRequest { PageSize = 1 })).NextPageToken;
        var storyToken = (await client.ListStoriesAsync(new ListStoriesRequest { PageSize = 1 })).NextPageToken;
        string resumeToken;
        using (var stream = client.StreamDocuments(new StreamDocumentsRequest { View = DocumentView.Basic }))
        {
            await stream.ResponseStream.MoveNext(CancellationToken.None);
            resumeToken = stream.ResponseStream.Current.ResumeToken;
        }

        // Never a stored document's name where a mutation could make it a valid delete.
        const string Absent = "documents/0123456789abcdef0123456789abcdef";
        var content = ByteString.CopyFromUtf8("عنوان للاختبار\n\nنص قصير عن خبر ما.\n");
        return new Dictionary<string, IMessage>
        {
            ["CreateDocument"] = new CreateDocumentRequest { Content = content, SourceUri = "hostile.txt" },
            ["ImportDocuments"] = new ImportDocumentsRequest { Content = content, SourceUri = "hostile.txt" },
            ["ImportDocumentBatches"] = new ImportDocumentBatchesRequest { Content = content, SourceUri = "hostile.txt" },
            ["GetDocument"] = new GetDocumentRequest { Name = name, View = DocumentView.Basic },
            ["BatchGetDocuments"] = new BatchGetDocumentsRequest { Names = { name, Absent }, View = DocumentView.Basic },
            ["ListDocuments"] = new ListDocumentsRequest { PageSize = 2, PageToken = pageToken, Filter = "source = \"x\" AND near_duplicate = false", View = DocumentView.Basic },
            ["StreamDocuments"] = new StreamDocumentsRequest { Filter = "story = \"" + story + "\"", View = DocumentView.Basic, ResumeToken = resumeToken },
            ["WatchDocuments"] = new WatchDocumentsRequest { Start = WatchDocumentsRequest.Types.Start.Now, View = DocumentView.Basic, HeartbeatInterval = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromSeconds(1)) },
            ["DeleteDocument"] = new DeleteDocumentRequest { Name = Absent, Etag = "\"1\"" },
            ["SearchDocuments"] = new SearchDocumentsRequest { Query = "بوتين OR \"رئيس الحكومة\" -غزة", Filter = "source = \"x\"", Limit = 5 },
            ["RebuildSearchIndex"] = new RebuildSearchIndexRequest(),
            ["ListStories"] = new ListStoriesRequest { PageSize = 1, PageToken = storyToken },
            ["GetStory"] = new GetStoryRequest { Name = story },
            ["RegroupStories"] = new RegroupStoriesRequest(),
            ["Check"] = new global::Grpc.Health.V1.HealthCheckRequest { Service = DocumentService.Descriptor.FullName },
            ["Watch"] = new global::Grpc.Health.V1.HealthCheckRequest { Service = DocumentService.Descriptor.FullName },
            // v1 and v1alpha share the method's name and the message's wire form.
            ["ServerReflectionInfo"] = new global::Grpc.Reflection.V1.ServerReflectionRequest { FileContainingSymbol = DocumentService.Descriptor.FullName },
        };
    }
}
