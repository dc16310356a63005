using System.Buffers;
using DocStream.Contracts.V1;
using DocStream.Core.Documents;
using Google.Protobuf;

namespace DocStream.Server.Grpc.PreEncoded;

/// <summary>
/// A <see cref="Document"/> ready to send: the mapped message (metadata and raw bytes, no body or teasers) followed
/// by the stored body and teasers still in their wire form (<see cref="ContentWireFormat"/>). Protobuf readers take
/// fields in any order, so the two parts parse as one Document: the one the typed mapping would have built, without
/// decoding the content into strings and encoding it back.
/// </summary>
public sealed class EncodedDocument
{
    private readonly int _messageSize;

    /// <summary>Pairs <paramref name="message"/>, which must hold no body or teasers, with <paramref name="content"/>.</summary>
    public EncodedDocument(Document message, ReadOnlyMemory<byte> content)
    {
        Message = message;
        Content = content;
        _messageSize = message.CalculateSize();
    }

    /// <summary>Everything except the body and teasers.</summary>
    public Document Message { get; }

    /// <summary>The body and teasers in <see cref="ContentWireFormat"/>; empty in the BASIC view.</summary>
    public ReadOnlyMemory<byte> Content { get; }

    /// <summary>Bytes of the serialized Document.</summary>
    public int Size => _messageSize + Content.Length;

    /// <summary>The document's resource name.</summary>
    public string Name => Message.Name;

    /// <summary>The document in the BASIC view: what a large document's header carries.</summary>
    public Document ToMetadata()
    {
        var metadata = Message.Clone();
        metadata.RawContent = ByteString.Empty;
        return metadata;
    }

    /// <summary>The whole Document as a typed message, for responses that embed it in a generated message.</summary>
    public Document ToMessage()
    {
        var document = Message.Clone();
        document.MergeFrom(Content.Span);
        return document;
    }

    /// <summary>Writes the serialized Document to <paramref name="output"/>.</summary>
    public void WriteTo(IBufferWriter<byte> output)
    {
        Message.WriteTo(output);
        output.Write(Content.Span);
    }

    /// <summary>Writes the serialized Document into <paramref name="destination"/>, which must be exactly <see cref="Size"/> long.</summary>
    public void WriteTo(Span<byte> destination)
    {
        Message.WriteTo(destination[.._messageSize]);
        Content.Span.CopyTo(destination[_messageSize..]);
    }
}
