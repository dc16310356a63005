using System.Buffers;
using Google.Protobuf;
using Grpc.Core;

namespace DocStream.Server.Grpc.PreEncoded;

/// <summary>
/// Typed messages from what the pre-encoded marshallers write, for the callers that need messages rather than bytes:
/// JSON transcoding formats a <c>Document</c>, not the gRPC wire bytes. gRPC clients never go through here.
/// </summary>
internal static class TypedMessages
{
    /// <summary>The message <paramref name="marshaller"/> writes for <paramref name="value"/>, parsed back.</summary>
    public static TMessage Decode<TValue, TMessage>(Marshaller<TValue> marshaller, TValue value, MessageParser<TMessage> parser)
        where TMessage : IMessage<TMessage>
    {
        var context = new BufferSerializationContext();
        marshaller.ContextualSerializer(value, context);
        return parser.ParseFrom(context.Written);
    }

    /// <summary>A stream writer of pre-encoded frames that writes each as a typed message to <paramref name="inner"/>.</summary>
    public static IServerStreamWriter<TFrame> Writer<TFrame, TMessage>(IServerStreamWriter<TMessage> inner, Marshaller<TFrame> marshaller, MessageParser<TMessage> parser)
        where TMessage : IMessage<TMessage> => new DecodingWriter<TFrame, TMessage>(inner, marshaller, parser);

    private sealed class DecodingWriter<TFrame, TMessage>(IServerStreamWriter<TMessage> inner, Marshaller<TFrame> marshaller, MessageParser<TMessage> parser)
        : IServerStreamWriter<TFrame>
        where TMessage : IMessage<TMessage>
    {
        /// <summary>
        /// Dropped: the hints (buffer this message) are for gRPC's transport, and JSON transcoding's writer throws on them.
        /// </summary>
        public WriteOptions? WriteOptions { get; set; }

        public Task WriteAsync(TFrame message) => inner.WriteAsync(Decode(marshaller, message, parser));

        public Task WriteAsync(TFrame message, CancellationToken cancellationToken) => inner.WriteAsync(Decode(marshaller, message, parser), cancellationToken);
    }

    private sealed class BufferSerializationContext : SerializationContext
    {
        private readonly ArrayBufferWriter<byte> _buffer = new();

        public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

        public override void SetPayloadLength(int payloadLength)
        {
        }

        public override IBufferWriter<byte> GetBufferWriter() => _buffer;

        public override void Complete()
        {
        }

        public override void Complete(byte[] payload) => _buffer.Write(payload);
    }
}
