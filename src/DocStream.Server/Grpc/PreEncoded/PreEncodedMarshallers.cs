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

            context.SetPayloadLength(size);
            var output = new WireOutput(context.GetBufferWriter());
            foreach (var document in page.Documents)
            {
                output.WriteLengthDelimitedHeader(ListDocumentsResponse.DocumentsFieldNumber, document.SerializedSize);
                DocumentWireFormat.WriteTo(document, document.Parts, ref output);
            }

            output.WriteString(ListDocumentsResponse.NextPageTokenFieldNumber, page.NextPageToken);
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

    private static T WriteOnly<T>(DeserializationContext context) =>
        throw new NotSupportedException($"The server writes {typeof(T).Name} responses; it never reads them.");
}
