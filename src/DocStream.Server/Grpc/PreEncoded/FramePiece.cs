using System.Buffers;
using DocStream.Contracts.V1;
using DocStream.Core.Documents;
using DocStream.Core.Documents.Wire;
using DocStream.Server.Application;
using Google.Protobuf;

namespace DocStream.Server.Grpc.PreEncoded;

/// <summary>
/// A <see cref="DocumentFrame"/> as the one field of a response that carries it: the whole <c>Document</c>, its
/// <c>LargeDocumentHeader</c> (the document in BASIC view and its serialized size), or its <c>DocumentChunk</c>. The
/// response's field numbers for the three are given; documents are written as stored, without a typed message.
/// </summary>
internal readonly struct FramePiece
{
    private readonly DocumentFrame _frame;
    private readonly int _fieldNumber;
    private readonly int _contentSize;
    private readonly DocumentChunk? _chunk;

    public FramePiece(DocumentFrame frame, int wholeFieldNumber, int headerFieldNumber, int chunkFieldNumber)
    {
        _frame = frame;
        switch (frame.Kind)
        {
            case DocumentFrameKind.Whole:
                _fieldNumber = wholeFieldNumber;
                _contentSize = frame.Document.SerializedSize;
                break;
            case DocumentFrameKind.Header:
                _fieldNumber = headerFieldNumber;
                _contentSize = HeaderSize(frame.Document);
                break;
            default:
                _fieldNumber = chunkFieldNumber;
                // Safe without a copy: the chunk is serialized before the write completes, and its buffer outlives that.
                _chunk = new DocumentChunk
                {
                    Name = frame.Document.Name,
                    Offset = frame.ChunkOffset,
                    Data = UnsafeByteOperations.UnsafeWrap(frame.ChunkData),
                    LastChunk = frame.IsLastChunk,
                };
                _contentSize = _chunk.CalculateSize();
                break;
        }
    }

    /// <summary>Bytes of the field: tag, length and content.</summary>
    public int Size => WireWriter.LengthDelimitedSize(_fieldNumber, _contentSize);

    public void WriteTo(IBufferWriter<byte> output)
    {
        WireWriter.WriteLengthDelimitedHeader(output, _fieldNumber, _contentSize);
        var document = _frame.Document;
        switch (_frame.Kind)
        {
            case DocumentFrameKind.Whole:
                DocumentWireFormat.WriteTo(document, document.Parts, output);
                break;
            case DocumentFrameKind.Header:
                WireWriter.WriteLengthDelimitedHeader(output, LargeDocumentHeader.MetadataFieldNumber, DocumentWireFormat.SerializedSize(document, DocumentParts.Basic));
                DocumentWireFormat.WriteTo(document, DocumentParts.Basic, output);
                WireWriter.WriteInt64(output, LargeDocumentHeader.SerializedSizeFieldNumber, document.SerializedSize);
                break;
            default:
                _chunk!.WriteTo(output);
                break;
        }
    }

    private static int HeaderSize(StoredDocument document) =>
        WireWriter.LengthDelimitedSize(LargeDocumentHeader.MetadataFieldNumber, DocumentWireFormat.SerializedSize(document, DocumentParts.Basic))
        + WireWriter.Int64Size(LargeDocumentHeader.SerializedSizeFieldNumber, document.SerializedSize);
}
