using DocStream.Contracts.V1;
using DocStream.Core.Documents;
using DocStream.Server.Application;

namespace DocStream.Server.Telemetry;

/// <summary>What one response message carries of documents: how many begin in it, and their serialized bytes in it.</summary>
/// <param name="Documents">Documents sent whole, or announced by a chunked document's header.</param>
/// <param name="Bytes">Serialized document bytes: a whole document's, or a chunk's.</param>
public readonly record struct SentDocuments(int Documents, long Bytes)
{
    /// <summary>
    /// Measures any response of the service: the pre-encoded ones gRPC sends, and the typed ones JSON transcoding
    /// formats. Other messages carry no document.
    /// </summary>
    public static SentDocuments Of(object? response) => response switch
    {
        StoredDocument document => new(1, document.SerializedSize),
        DocumentListPage page => new(page.Documents.Count, page.Documents.Sum(document => (long)document.SerializedSize)),
        StreamFrame frame => Of(frame.Frame),
        WatchFrame { Document: { } frame } => Of(frame),
        LookupFrame { Found: { } frame } => Of(frame),
        Document document => new(1, document.CalculateSize()),
        ListDocumentsResponse page => new(page.Documents.Count, page.Documents.Sum(document => (long)document.CalculateSize())),
        StreamDocumentsResponse message => Of(message.Document, message.LargeDocument, message.Chunk),
        WatchDocumentsResponse message => Of(message.Change?.Document, message.LargeDocument, message.Chunk),
        BatchGetDocumentsResponse message => Of(message.Found, message.LargeDocument, message.Chunk),
        _ => default,
    };

    /// <summary>A frame of the pre-encoded responses, taken by value so that streaming boxes nothing.</summary>
    private static SentDocuments Of(DocumentFrame frame) => frame.Kind switch
    {
        DocumentFrameKind.Whole => new(1, frame.Document.SerializedSize),
        DocumentFrameKind.Header => new(1, 0),
        _ => new(0, frame.ChunkData.Length),
    };

    /// <summary>A typed response's document: whole, announced by a header, or a chunk of one.</summary>
    private static SentDocuments Of(Document? whole, LargeDocumentHeader? header, DocumentChunk? chunk) =>
        whole is not null ? new(1, whole.CalculateSize())
        : header is not null ? new(1, 0)
        : chunk is not null ? new(0, chunk.Data.Length)
        : default;
}
