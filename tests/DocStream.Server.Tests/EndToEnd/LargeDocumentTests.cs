using System.Text;
using DocStream.Client;
using DocStream.Contracts.V1;
using DocStream.Testing;
using Google.Rpc;
using Grpc.Core;

namespace DocStream.Server.Tests.EndToEnd;

/// <summary>A 20 MB article on its own server, so the other tests' corpus stays small.</summary>
public sealed class LargeDocumentTests : IAsyncLifetime
{
    private const int TwentyMegabytes = 20 * 1024 * 1024;
    private DocStreamServerProcess _server = null!;
    private byte[] _content = [];
    private string _name = "";

    public async Task InitializeAsync()
    {
        _server = await DocStreamServerProcess.StartAsync();
        var paragraph = Encoding.UTF8.GetBytes("فقرة طويلة من نص الخبر تتكرر لتبلغ عشرين ميغابايت من النص العربي.\n\n");
        var builder = new MemoryStream();
        builder.Write(Encoding.UTF8.GetBytes("خبر كبير جداً\n\n"));
        while (builder.Length < TwentyMegabytes)
        {
            builder.Write(paragraph);
        }

        _content = builder.ToArray();
        _name = (await _server.Client.CreateAsync(_content, "large.txt")).Name;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task StreamDocuments_TwentyMegabyteDocument_ArrivesInChunksAndReassemblesExactly()
    {
        var chunks = 0;
        Document? large = null;
        var assembler = new DocumentAssembler();
        using var call = _server.Client.StreamDocuments(new StreamDocumentsRequest());
        await foreach (var message in call.ResponseStream.ReadAllAsync())
        {
            switch (message.FrameCase)
            {
                case StreamDocumentsResponse.FrameOneofCase.LargeDocument:
                    Assert.Equal(_name, message.LargeDocument.Metadata.Name);
                    assembler.Start(message.LargeDocument);
                    break;
                case StreamDocumentsResponse.FrameOneofCase.Chunk:
                    chunks++;
                    Assert.True(message.Chunk.CalculateSize() < 85_000);
                    large = assembler.Append(message.Chunk) ?? large;
                    break;
            }
        }

        Assert.True(chunks > 300, $"expected the document in many chunks, got {chunks}");
        Assert.NotNull(large);
        Assert.Equal(_content, large.RawContent.ToByteArray());
        Assert.True(large.Body.Count > 1000);
    }

    [Fact]
    public async Task BatchGetDocuments_TwentyMegabyteDocument_Reassembles()
    {
        using var call = _server.Client.BatchGetDocuments(new BatchGetDocumentsRequest { Names = { _name } });

        var results = new List<(string Name, Document? Document)>();
        await foreach (var result in call.ResponseStream.ReadResultsAsync())
        {
            results.Add(result);
        }

        Assert.Equal(_content, Assert.Single(results).Document!.RawContent.ToByteArray());
    }

    [Fact]
    public async Task GetDocument_TwentyMegabyteDocumentFull_IsFailedPreconditionButBasicWorks()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _server.Client.GetDocumentAsync(new GetDocumentRequest { Name = _name }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("DOCUMENT_TOO_LARGE_FOR_MESSAGE", error.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);

        var basic = await _server.Client.GetDocumentAsync(new GetDocumentRequest { Name = _name, View = DocumentView.Basic });
        Assert.Equal(_content.Length, basic.SizeBytes);
    }

    [Fact]
    public async Task StreamDocuments_ClientCancelsMidDocument_ServerStopsAndResumeRestartsTheDocument()
    {
        string resumeToken;
        using (var cancel = new CancellationTokenSource())
        using (var call = _server.Client.StreamDocuments(new StreamDocumentsRequest(), cancellationToken: cancel.Token))
        {
            // Read the samples and the large document's header plus one chunk, then walk away.
            while (true)
            {
                Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
                if (call.ResponseStream.Current.FrameCase == StreamDocumentsResponse.FrameOneofCase.Chunk)
                {
                    resumeToken = call.ResponseStream.Current.ResumeToken;
                    break;
                }
            }

            await cancel.CancelAsync();
        }

        await WaitForAsync(() => _server.Output.Contains("StreamDocuments for", StringComparison.Ordinal));
        var stopped = _server.Output.Split('\n').First(l => l.Contains("StreamDocuments for", StringComparison.Ordinal));
        var messagesSent = int.Parse(stopped.Split("after ")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        // Until the cancellation reaches it, the server may go on: Kestrel accepts writes to a reset stream and drops
        // them. One that ignored the cancellation would send every message of the document, as many as a full read of
        // it from the same token takes (its raw text and its body, in 64 KiB chunks).
        var resumed = await _server.Client.StreamAllAsync(new StreamDocumentsRequest { ResumeToken = resumeToken });
        using var whole = _server.Client.StreamDocuments(new StreamDocumentsRequest { ResumeToken = resumeToken });
        var messagesOfTheDocument = 0;
        while (await whole.ResponseStream.MoveNext(CancellationToken.None))
        {
            messagesOfTheDocument++;
        }

        Assert.True(messagesSent < messagesOfTheDocument, $"the server kept writing after the client left: {messagesSent} messages of {messagesOfTheDocument}");
        Assert.Equal(_content, Assert.Single(resumed).Document.RawContent.ToByteArray());
    }

    [Fact]
    public async Task CreateDocument_OverTheSizeLimit_IsInvalidArgumentOnASmallLimitServer()
    {
        await using var small = await DocStreamServerProcess.StartAsync(null, "--Limits:MaxDocumentBytes=1000");

        var error = await Assert.ThrowsAsync<RpcException>(() => small.Client.CreateAsync(new byte[1001].Select(_ => (byte)'a').ToArray()));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("DOCUMENT_TOO_LARGE", error.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
        Assert.Contains("1000", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateDocument_AtTheDefaultSizeLimit_IsStoredAndOneByteMoreIsDocumentTooLarge()
    {
        await using var server = await DocStreamServerProcess.StartAsync(null, "--Corpus:ImportSamplesWhenEmpty=false");
        const int limit = 32 * 1024 * 1024;
        var atLimit = Encoding.UTF8.GetBytes("عنوان الوثيقة الكبيرة\n\n" + new string('x', limit));
        Array.Resize(ref atLimit, limit);

        var stored = await server.Client.CreateAsync(atLimit);
        var error = await Assert.ThrowsAsync<RpcException>(() => server.Client.CreateAsync([.. atLimit, (byte)'y']));

        Assert.Equal(limit, stored.SizeBytes);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("DOCUMENT_TOO_LARGE", error.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(condition(), "the condition did not become true within 10 s");
    }
}
