using DocStream.Contracts.V1;
using DocStream.Core.Documents;
using DocStream.Core.Documents.Wire;
using DocStream.Server.Application;
using Google.Protobuf;
using Grpc.Core;

namespace DocStream.Server.Grpc.PreEncoded;

/// <summary>
/// Marshallers that write the responses carrying documents straight from what the store read: the bytes are those
/// the generated marshallers would write for the equivalent typed messages (same fields, same order), without a
/// typed <c>Document</c> in between, gathered into the response pipe's spans by <see cref="WireOutput"/>. They only
/// write; the server never reads these responses.
/// </summary>
public static class PreEncodedMarshallers
{
    /// <summary>A <c>Document</c> (CreateDocument, GetDocument).</summary>
    public static Marshaller<StoredDocument> Document { get; } = Marshallers.Create<StoredDocument>(
        (document, context) =>
        {
            context.SetPayloadLength(document.SerializedSize);
            var output = new WireOutput(context.GetBufferWriter());
            DocumentWireFormat.WriteTo(document, document.Parts, ref output);
            output.Flush();
            context.Complete();
        },
        WriteOnly<StoredDocument>);

    /// <summary>A <c>StreamDocumentsResponse</c>.</summary>
    public static Marshaller<StreamFrame> StreamFrame { get; } = Marshallers.Create<StreamFrame>(
        (frame, context) =>
        {
            var piece = new FramePiece(frame.Frame, StreamDocumentsResponse.DocumentFieldNumber, StreamDocumentsResponse.LargeDocumentFieldNumber,
                StreamDocumentsResponse.ChunkFieldNumber);
            context.SetPayloadLength(piece.Size + WireSize.String(StreamDocumentsResponse.ResumeTokenFieldNumber, frame.ResumeToken));
            var output = new WireOutput(context.GetBufferWriter());
            piece.WriteTo(ref output);
            output.WriteString(StreamDocumentsResponse.ResumeTokenFieldNumber, frame.ResumeToken);
            output.Flush();
            context.Complete();
        },
        WriteOnly<StreamFrame>);

    /// <summary>A <c>WatchDocumentsResponse</c>.</summary>
    public static Marshaller<WatchFrame> WatchFrame { get; } = Marshallers.Create<WatchFrame>(
        (frame, context) =>
        {
            var size = WireSize.String(WatchDocumentsResponse.ResumeTokenFieldNumber, frame.ResumeToken)
                + WireSize.Int64(WatchDocumentsResponse.PositionFieldNumber, frame.Position);
            var changeSize = 0;
            FramePiece piece = default;
            switch (frame.Kind)
            {
                case WatchEventKind.Change:
                    changeSize = ChangeSize(frame);
                    size += WireSize.LengthDelimited(WatchDocumentsResponse.ChangeFieldNumber, changeSize);
                    break;
                case WatchEventKind.DocumentPiece:
                    piece = new FramePiece(frame.Document!.Value, 0, WatchDocumentsResponse.LargeDocumentFieldNumber, WatchDocumentsResponse.ChunkFieldNumber);
                    size += piece.Size;
                    break;
                default:
                    size += WireSize.LengthDelimited(MarkerFieldNumber(frame.Kind), 0);
                    break;
            }

            context.SetPayloadLength(size);
            var output = new WireOutput(context.GetBufferWriter());
            switch (frame.Kind)
            {
                case WatchEventKind.Change:
                    output.WriteLengthDelimitedHeader(WatchDocumentsResponse.ChangeFieldNumber, changeSize);
                    WriteChange(frame, ref output);
                    break;
                case WatchEventKind.DocumentPiece:
                    piece.WriteTo(ref output);
                    break;
                default:
                    output.WriteLengthDelimitedHeader(MarkerFieldNumber(frame.Kind), 0);
                    break;
            }

            output.WriteString(WatchDocumentsResponse.ResumeTokenFieldNumber, frame.ResumeToken);
            output.WriteInt64(WatchDocumentsResponse.PositionFieldNumber, frame.Position);
            output.Flush();
            context.Complete();
        },
        WriteOnly<WatchFrame>);

    /// <summary>A <c>BatchGetDocumentsResponse</c>.</summary>
    public static Marshaller<LookupFrame> LookupFrame { get; } = Marshallers.Create<LookupFrame>(
        (frame, context) =>
        {
            if (frame.Found is not { } found)
            {
                var missing = frame.MissingName!;
                context.SetPayloadLength(WireSize.String(BatchGetDocumentsResponse.MissingFieldNumber, missing));
                var missingOutput = new WireOutput(context.GetBufferWriter());
                missingOutput.WriteString(BatchGetDocumentsResponse.MissingFieldNumber, missing);
                missingOutput.Flush();
                context.Complete();
                return;
            }

            var piece = new FramePiece(found, BatchGetDocumentsResponse.FoundFieldNumber, BatchGetDocumentsResponse.LargeDocumentFieldNumber,
                BatchGetDocumentsResponse.ChunkFieldNumber);
            context.SetPayloadLength(piece.Size);
            var output = new WireOutput(context.GetBufferWriter());
            piece.WriteTo(ref output);
            output.Flush();
            context.Complete();
        },
        WriteOnly<LookupFrame>);

    /// <summary>A <c>ListDocumentsResponse</c>.</summary>
    public static Marshaller<DocumentListPage> ListPage { get; } = Marshallers.Create<DocumentListPage>(
        (page, context) =>
        {
            var size = WireSize.String(ListDocumentsResponse.NextPageTokenFieldNumber, page.NextPageToken);
            foreach (var document in page.Documents)
            {
                size += WireSize.LengthDelimited(ListDocumentsResponse.DocumentsFieldNumber, document.SerializedSize);
            }

            foreach (var name in page.OversizedDocuments)
            {
                size += WireSize.String(ListDocumentsResponse.OversizedDocumentsFieldNumber, name);
            }

            context.SetPayloadLength(size);
            var output = new WireOutput(context.GetBufferWriter());
            foreach (var document in page.Documents)
            {
                output.WriteLengthDelimitedHeader(ListDocumentsResponse.DocumentsFieldNumber, document.SerializedSize);
                DocumentWireFormat.WriteTo(document, document.Parts, ref output);
            }

            output.WriteString(ListDocumentsResponse.NextPageTokenFieldNumber, page.NextPageToken);
            foreach (var name in page.OversizedDocuments)
            {
                output.WriteString(ListDocumentsResponse.OversizedDocumentsFieldNumber, name);
            }

            output.Flush();
            context.Complete();
        },
        WriteOnly<DocumentListPage>);

    /// <summary>A request message, read as the generated marshallers read it.</summary>
    public static Marshaller<T> ForRequest<T>(MessageParser<T> parser)
        where T : IMessage<T> => Marshallers.Create<T>(
        (message, context) =>
        {
            context.SetPayloadLength(message.CalculateSize());
            message.WriteTo(context.GetBufferWriter());
            context.Complete();
        },
        context => parser.ParseFrom(context.PayloadAsReadOnlySequence()));

    private static int MarkerFieldNumber(WatchEventKind kind) =>
        kind == WatchEventKind.SnapshotComplete ? WatchDocumentsResponse.SnapshotCompleteFieldNumber : WatchDocumentsResponse.ProgressFieldNumber;

    private static int ChangeTypeNumber(WatchChangeType type) => (int)(type switch
    {
        WatchChangeType.Created => Contracts.V1.DocumentChange.Types.Type.Created,
        WatchChangeType.Updated => Contracts.V1.DocumentChange.Types.Type.Updated,
        _ => Contracts.V1.DocumentChange.Types.Type.Deleted,
    });

    private static int ChangeSize(WatchFrame frame) =>
        WireSize.Int64(Contracts.V1.DocumentChange.TypeFieldNumber, ChangeTypeNumber(frame.ChangeType))
        + WireSize.String(Contracts.V1.DocumentChange.NameFieldNumber, frame.Name)
        + (frame.Document is { } document ? WireSize.LengthDelimited(Contracts.V1.DocumentChange.DocumentFieldNumber, document.Document.SerializedSize) : 0);

    private static void WriteChange(WatchFrame frame, ref WireOutput output)
    {
        output.WriteInt64(Contracts.V1.DocumentChange.TypeFieldNumber, ChangeTypeNumber(frame.ChangeType));
        output.WriteString(Contracts.V1.DocumentChange.NameFieldNumber, frame.Name);
        if (frame.Document is { } whole)
        {
            var document = whole.Document;
            output.WriteLengthDelimitedHeader(Contracts.V1.DocumentChange.DocumentFieldNumber, document.SerializedSize);
            DocumentWireFormat.WriteTo(document, document.Parts, ref output);
        }
    }

    private static T WriteOnly<T>(DeserializationContext context) =>
        throw new NotSupportedException($"The server writes {typeof(T).Name} responses; it never reads them.");
}
