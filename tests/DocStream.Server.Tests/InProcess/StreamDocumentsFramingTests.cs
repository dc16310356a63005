using DocStream.Client;
using DocStream.Contracts.V1;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;

namespace DocStream.Server.Tests.InProcess;

/// <summary>StreamDocuments' framing: documents over the message limit in chunks, and the resume token of every message.</summary>
public sealed class StreamDocumentsFramingTests : InProcessTests
{
    [Fact]
    public async Task StreamDocuments_DocumentLargerThanAMessage_ComesAsHeaderThenChunksWithinTheLimit()
    {
        var (small, large, last) = await CreateSmallLargeSmallAsync();

        var messages = await StreamMessagesAsync(new StreamDocumentsRequest());

        Assert.Equal(StreamDocumentsResponse.FrameOneofCase.Document, messages[0].FrameCase);
        Assert.Equal(StreamDocumentsResponse.FrameOneofCase.LargeDocument, messages[1].FrameCase);
        var chunks = messages.Skip(2).TakeWhile(m => m.FrameCase == StreamDocumentsResponse.FrameOneofCase.Chunk).Select(m => m.Chunk).ToList();
        Assert.True(chunks.Count >= 3, $"40 KB of text in FULL view should take several 15 KB chunks, got {chunks.Count}");
        Assert.Equal(StreamDocumentsResponse.FrameOneofCase.Document, messages[^1].FrameCase);
        Assert.All(messages, m => Assert.True(m.CalculateSize() <= DocStreamApplicationFactory.MaxMessageBytes, $"a message of {m.CalculateSize()} bytes"));

        var header = messages[1].LargeDocument;
        Assert.Equal(large.Name, header.Metadata.Name);
        Assert.True(header.Metadata.RawContent.IsEmpty && header.Metadata.Body.Count == 0, "the header carries the BASIC view");
        Assert.Equal(chunks.Sum(c => (long)c.Data.Length), header.SerializedSize);
        Assert.Equal([.. chunks.Select(c => c.LastChunk)], [.. Enumerable.Repeat(false, chunks.Count - 1), true]);
        var reassembled = Document.Parser.ParseFrom(chunks.SelectMany(c => c.Data.ToByteArray()).ToArray());
        Assert.Equal(large.Content, reassembled.RawContent.ToByteArray());
        Assert.Equal(header.Metadata.Title, reassembled.Title);
        Assert.Equal([small.Name, last.Name], new[] { messages[0].Document.Name, messages[^1].Document.Name });
    }

    [Fact]
    public async Task StreamDocuments_LargeDocument_CarriesThePreviousTokenUntilItsLastChunk()
    {
        await CreateSmallLargeSmallAsync();

        var messages = await StreamMessagesAsync(new StreamDocumentsRequest());

        var first = messages[0].ResumeToken;
        var lastChunk = messages.FindLastIndex(m => m.FrameCase == StreamDocumentsResponse.FrameOneofCase.Chunk);
        Assert.All(messages.Skip(1).Take(lastChunk - 1), m => Assert.Equal(first, m.ResumeToken));
        Assert.NotEqual(first, messages[lastChunk].ResumeToken);
        Assert.NotEqual(messages[lastChunk].ResumeToken, messages[^1].ResumeToken);
    }

    [Fact]
    public async Task StreamDocuments_ResumedFromAChunksToken_RestartsTheLargeDocument_AndFromItsLastChunk_ContinuesAfterIt()
    {
        var (_, large, last) = await CreateSmallLargeSmallAsync();
        var messages = await StreamMessagesAsync(new StreamDocumentsRequest());
        var midChunk = messages.First(m => m.FrameCase == StreamDocumentsResponse.FrameOneofCase.Chunk).ResumeToken;
        var lastChunk = messages.Last(m => m.FrameCase == StreamDocumentsResponse.FrameOneofCase.Chunk).ResumeToken;

        var fromMidChunk = await StreamDocumentsAsync(new StreamDocumentsRequest { ResumeToken = midChunk });
        var fromLastChunk = await StreamDocumentsAsync(new StreamDocumentsRequest { ResumeToken = lastChunk });

        Assert.Equal([large.Name, last.Name], fromMidChunk.Select(d => d.Name));
        Assert.Equal(large.Content, fromMidChunk[0].RawContent.ToByteArray());
        Assert.Equal([last.Name], fromLastChunk.Select(d => d.Name));
    }

    [Fact]
    public async Task StreamDocuments_MoreDocumentsThanAStoreBatch_ComeOnceEachInOrder_AndResumeFromAnyToken()
    {
        var names = new List<string>();
        foreach (var batch in Enumerable.Range(0, 150).Chunk(50))
        {
            using var call = Client.ImportDocuments();
            foreach (var i in batch)
            {
                await call.RequestStream.WriteAsync(new ImportDocumentsRequest { Content = ByteString.CopyFrom(InProcessArticles.Article($"{i}", bytes: 300)) });
            }

            await call.RequestStream.CompleteAsync();
            names.AddRange((await call.ResponseAsync).Results.Select(r => r.Name));
        }

        var streamed = new List<(Document Document, string ResumeToken)>();
        using (var call = Client.StreamDocuments(new StreamDocumentsRequest { View = DocumentView.Basic }))
        {
            await foreach (var item in call.ResponseStream.ReadDocumentsAsync())
            {
                streamed.Add(item);
            }
        }

        var resumed = await StreamDocumentsAsync(new StreamDocumentsRequest { View = DocumentView.Basic, ResumeToken = streamed[99].ResumeToken });

        Assert.Equal(names, streamed.Select(s => s.Document.Name));
        Assert.Equal(names.Skip(100), resumed.Select(d => d.Name));
    }

    [Fact]
    public async Task StreamDocuments_PageTokenFromAList_IsRefusedAsTheResumeToken()
    {
        await Client.CreateAsync(InProcessArticles.Article("a"));
        await Client.CreateAsync(InProcessArticles.Article("b"));
        var pageToken = (await Client.ListDocumentsAsync(new ListDocumentsRequest { PageSize = 1, View = DocumentView.Full })).NextPageToken;

        var error = await Assert.ThrowsAsync<RpcException>(() => StreamDocumentsAsync(new StreamDocumentsRequest { ResumeToken = pageToken }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("resume_token", Assert.Single(error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations).Field);
        Assert.Equal("TOKEN_INVALID", error.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
    }

    private async Task<((string Name, byte[] Content) Small, (string Name, byte[] Content) Large, (string Name, byte[] Content) Last)> CreateSmallLargeSmallAsync()
    {
        async Task<(string, byte[])> CreateAsync(string key, int bytes)
        {
            var content = InProcessArticles.Article(key, bytes);
            return ((await Client.CreateAsync(content)).Name, content);
        }

        return (await CreateAsync("small", 600), await CreateAsync("large", 40 * 1024), await CreateAsync("last", 600));
    }

    private async Task<List<StreamDocumentsResponse>> StreamMessagesAsync(StreamDocumentsRequest request)
    {
        using var call = Client.StreamDocuments(request);
        return await call.ResponseStream.ReadAllAsync().ToListAsync();
    }

    private async Task<List<Document>> StreamDocumentsAsync(StreamDocumentsRequest request)
    {
        using var call = Client.StreamDocuments(request);
        var documents = new List<Document>();
        await foreach (var (document, _) in call.ResponseStream.ReadDocumentsAsync())
        {
            documents.Add(document);
        }

        return documents;
    }
}
