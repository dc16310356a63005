using DocStream.Contracts.V1;
using DocStream.Core.Documents;
using DocStream.Server.Application;
using DocStream.Server.Telemetry;
using DocStream.Server.Tests.Application;

namespace DocStream.Server.Tests.Telemetry;

public class SentDocumentsTests
{
    private readonly ApplicationFixtures _fixtures = new();

    [Fact]
    public async Task Of_ChunkedDocumentFrames_CountsTheDocumentOnceAndEveryChunkByte()
    {
        var article = (await _fixtures.AddAsync(1, bytes: 50_000))[0];
        var document = (await _fixtures.Store.Reader.FindAsync(article.Id, DocumentParts.Full, default))!;

        var sent = _fixtures.Framer.Frame(document).Select(frame => SentDocuments.Of(new StreamFrame(frame, "token", Flush: false))).ToList();

        Assert.Equal(1, sent.Sum(s => s.Documents));
        Assert.Equal(document.SerializedSize, sent.Sum(s => s.Bytes));
    }

    [Fact]
    public void Of_TypedMessagesOfJsonTranscoding_CountsTheirDocuments()
    {
        var typed = new Document { Name = "documents/0123456789abcdef0123456789abcdef", Title = "عنوان" };

        Assert.Equal(new SentDocuments(1, typed.CalculateSize()), SentDocuments.Of(typed));
        Assert.Equal(2, SentDocuments.Of(new ListDocumentsResponse { Documents = { typed, typed } }).Documents);
        Assert.Equal(1, SentDocuments.Of(new WatchDocumentsResponse { Change = new DocumentChange { Document = typed } }).Documents);
        Assert.Equal(default, SentDocuments.Of(new WatchDocumentsResponse { Progress = new() }));
        Assert.Equal(new SentDocuments(1, 0), SentDocuments.Of(new StreamDocumentsResponse { LargeDocument = new LargeDocumentHeader { Metadata = typed } }));
        Assert.Equal(new SentDocuments(0, 3), SentDocuments.Of(new BatchGetDocumentsResponse { Chunk = new DocumentChunk { Data = Google.Protobuf.ByteString.CopyFrom(1, 2, 3) } }));
        Assert.Equal(default, SentDocuments.Of(new Story()));
    }
}
