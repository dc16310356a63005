using System.Buffers;
using DocStream.Contracts.V1;
using Google.Protobuf;
using Grpc.Core;

namespace DocStream.Server.Grpc.PreEncoded;

/// <summary>
/// Marshallers that write <see cref="EncodedDocument"/> and <see cref="StreamDocumentsFrame"/> with the bytes the
/// generated marshallers would write for the equivalent messages, and read those messages back.
/// </summary>
public static class PreEncodedMarshallers
{
    /// <summary>A <c>Document</c> response.</summary>
    public static Marshaller<EncodedDocument> Document { get; } = Marshallers.Create<EncodedDocument>(
        (document, context) =>
        {
            context.SetPayloadLength(document.Size);
            document.WriteTo(context.GetBufferWriter());
            context.Complete();
        },
        context => new EncodedDocument(Contracts.V1.Document.Parser.ParseFrom(context.PayloadAsReadOnlySequence()), ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty));

    /// <summary>A <c>StreamDocumentsResponse</c>.</summary>
    public static Marshaller<StreamDocumentsFrame> StreamFrame { get; } = Marshallers.Create<StreamDocumentsFrame>(
        WriteFrame,
        context => StreamDocumentsFrame.ForMessage(StreamDocumentsResponse.Parser.ParseFrom(context.PayloadAsReadOnlySequence())));

    /// <summary>A generated message, written and read as the generated marshallers do.</summary>
    public static Marshaller<T> ForMessage<T>(MessageParser<T> parser)
        where T : IMessage<T> => Marshallers.Create<T>(
        (message, context) => WriteMessage(message, context),
        context => parser.ParseFrom(context.PayloadAsReadOnlySequence()));

    private static void WriteFrame(StreamDocumentsFrame frame, SerializationContext context)
    {
        if (frame.Document is not { } document)
        {
            WriteMessage(frame.Message!, context);
            return;
        }

        // Field 1 (the oneof's document) as tag, length and the document's bytes; then the rest of the message.
        var rest = new StreamDocumentsResponse { ResumeToken = frame.ResumeToken };
        var tag = WireFormat.MakeTag(StreamDocumentsResponse.DocumentFieldNumber, WireFormat.WireType.LengthDelimited);
        var header = CodedOutputStream.ComputeRawVarint32Size(tag) + CodedOutputStream.ComputeLengthSize(document.Size);
        context.SetPayloadLength(header + document.Size + rest.CalculateSize());
        var output = context.GetBufferWriter();
        WriteVarint(output, tag);
        WriteVarint(output, (uint)document.Size);
        document.WriteTo(output);
        rest.WriteTo(output);
        context.Complete();
    }

    private static void WriteMessage(IMessage message, SerializationContext context)
    {
        context.SetPayloadLength(message.CalculateSize());
        message.WriteTo(context.GetBufferWriter());
        context.Complete();
    }

    private static void WriteVarint(IBufferWriter<byte> output, uint value)
    {
        var span = output.GetSpan(5);
        var length = 0;
        while (value >= 0x80)
        {
            span[length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[length++] = (byte)value;
        output.Advance(length);
    }
}
