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
/// typed <c>Document</c> in between. They only write; the server never reads these responses.
/// </summary>
public static class PreEncodedMarshallers
{
    /// <summary>A <c>Document</c> (CreateDocument, GetDocument).</summary>
    public static Marshaller<StoredDocument> Document { get; } = Marshallers.Create<StoredDocument>(
        (document, context) =>
        {
            context.SetPayloadLength(document.SerializedSize);
            DocumentWireFormat.WriteTo(document, document.Parts, context.GetBufferWriter());
            context.Complete();
        },
        WriteOnly<StoredDocument>);

    /// <summary>A <c>StreamDocumentsResponse</c>.</summary>
    public static Marshaller<StreamFrame> StreamFrame { get; } = Marshallers.Create<StreamFrame>(
        (frame, context) =>
        {
            var piece = new FramePiece(frame.Frame, StreamDocumentsResponse.DocumentFieldNumber, StreamDocumentsResponse.LargeDocumentFieldNumber,
                StreamDocumentsResponse.ChunkFieldNumber);
            context.SetPayloadLength(piece.Size + WireWriter.StringSize(StreamDocumentsResponse.ResumeTokenFieldNumber, frame.ResumeToken));
            var output = context.GetBufferWriter();
            piece.WriteTo(output);
            WireWriter.WriteString(output, StreamDocumentsResponse.ResumeTokenFieldNumber, frame.ResumeToken);
            context.Complete();
        },
        WriteOnly<StreamFrame>);

    /// <summary>A <c>BatchGetDocumentsResponse</c>.</summary>
    public static Marshaller<LookupFrame> LookupFrame { get; } = Marshallers.Create<LookupFrame>(
        (frame, context) =>
        {
            if (frame.Found is not { } found)
            {
                var missing = frame.MissingName!;
                context.SetPayloadLength(WireWriter.StringSize(BatchGetDocumentsResponse.MissingFieldNumber, missing));
                WireWriter.WriteString(context.GetBufferWriter(), BatchGetDocumentsResponse.MissingFieldNumber, missing);
                context.Complete();
                return;
            }

            var piece = new FramePiece(found, BatchGetDocumentsResponse.FoundFieldNumber, BatchGetDocumentsResponse.LargeDocumentFieldNumber,
                BatchGetDocumentsResponse.ChunkFieldNumber);
            context.SetPayloadLength(piece.Size);
            piece.WriteTo(context.GetBufferWriter());
            context.Complete();
        },
        WriteOnly<LookupFrame>);

    /// <summary>A <c>ListDocumentsResponse</c>.</summary>
    public static Marshaller<DocumentListPage> ListPage { get; } = Marshallers.Create<DocumentListPage>(
        (page, context) =>
        {
            var size = WireWriter.StringSize(ListDocumentsResponse.NextPageTokenFieldNumber, page.NextPageToken);
            foreach (var document in page.Documents)
            {
                size += WireWriter.LengthDelimitedSize(ListDocumentsResponse.DocumentsFieldNumber, document.SerializedSize);
            }

            context.SetPayloadLength(size);
            var output = context.GetBufferWriter();
            foreach (var document in page.Documents)
            {
                WireWriter.WriteLengthDelimitedHeader(output, ListDocumentsResponse.DocumentsFieldNumber, document.SerializedSize);
                DocumentWireFormat.WriteTo(document, document.Parts, output);
            }

            WireWriter.WriteString(output, ListDocumentsResponse.NextPageTokenFieldNumber, page.NextPageToken);
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

    private static T WriteOnly<T>(DeserializationContext context) =>
        throw new NotSupportedException($"The server writes {typeof(T).Name} responses; it never reads them.");
}
