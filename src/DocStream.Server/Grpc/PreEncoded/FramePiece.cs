using DocStream.Contracts.V1;
using DocStream.Core.Documents;
using DocStream.Core.Documents.Wire;
using DocStream.Server.Application;

namespace DocStream.Server.Grpc.PreEncoded;

/// <summary>
/// A <see cref="DocumentFrame"/> as the one field of a response that carries it: the whole <c>Document</c>, its
/// <c>LargeDocumentHeader</c> (the document in BASIC view and its serialized size), or its <c>DocumentChunk</c>. The
/// response's field numbers for the three are given; everything is written as stored, without a typed message.
/// </summary>
internal readonly struct FramePiece
{
    private readonly DocumentFrame _frame;
    private readonly int _fieldNumber;
    private readonly int _contentSize;

    public FramePiece(DocumentFrame frame, int wholeFieldNumber, int headerFieldNumber, int chunkFieldNumber)
    {
        _frame = frame;
        (_fieldNumber, _contentSize) = frame.Kind switch
        {
            DocumentFrameKind.Whole => (wholeFieldNumber, frame.Document.SerializedSize),
            DocumentFrameKind.Header => (headerFieldNumber, HeaderSize(frame.Document)),
            _ => (chunkFieldNumber, ChunkSize(frame)),
        };
    }

    /// <summary>Bytes of the field: tag, length and content.</summary>
    public int Size => WireSize.LengthDelimited(_fieldNumber, _contentSize);

    public void WriteTo(ref WireOutput output)
    {
        output.WriteLengthDelimitedHeader(_fieldNumber, _contentSize);
        var document = _frame.Document;
        switch (_frame.Kind)
        {
            case DocumentFrameKind.Whole:
                DocumentWireFormat.WriteTo(document, document.Parts, ref output);
                break;
            case DocumentFrameKind.Header:
                output.WriteLengthDelimitedHeader(LargeDocumentHeader.MetadataFieldNumber, DocumentWireFormat.SerializedSize(document, DocumentParts.Basic));
                DocumentWireFormat.WriteTo(document, DocumentParts.Basic, ref output);
                output.WriteInt64(LargeDocumentHeader.SerializedSizeFieldNumber, document.SerializedSize);
                break;
            default:
                // The chunk's bytes are a slice of the framer's pooled buffer, copied out before the write completes.
                output.WriteString(DocumentChunk.NameFieldNumber, document.Name);
                output.WriteInt64(DocumentChunk.OffsetFieldNumber, _frame.ChunkOffset);
                output.WriteBytes(DocumentChunk.DataFieldNumber, _frame.ChunkData.Span);
                output.WriteBool(DocumentChunk.LastChunkFieldNumber, _frame.IsLastChunk);
                break;
        }
    }

    private static int HeaderSize(StoredDocument document) =>
        WireSize.LengthDelimited(LargeDocumentHeader.MetadataFieldNumber, DocumentWireFormat.SerializedSize(document, DocumentParts.Basic))
        + WireSize.Int64(LargeDocumentHeader.SerializedSizeFieldNumber, document.SerializedSize);

    private static int ChunkSize(DocumentFrame frame) =>
        WireSize.String(DocumentChunk.NameFieldNumber, frame.Document.Name)
        + WireSize.Int64(DocumentChunk.OffsetFieldNumber, frame.ChunkOffset)
        + WireSize.LengthDelimited(DocumentChunk.DataFieldNumber, frame.ChunkData.Length)
        + WireSize.Bool(DocumentChunk.LastChunkFieldNumber, frame.IsLastChunk);
}
