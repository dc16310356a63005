using System.Buffers;
using DocStream.Contracts.V1;
using DocStream.Core.Documents;
using Google.Protobuf;

namespace DocStream.Server.Grpc.PreEncoded;

/// <summary>
/// A <see cref="Document"/> ready to send: the mapped message (at least the stored fields: name, digest, raw bytes,
/// size, times, etag), then the parsed metadata and the body and teasers still in their wire form
/// (<see cref="MetadataWireFormat"/>, <see cref="ContentWireFormat"/>) where the store passed them on undecoded.
/// Protobuf readers take fields in any order, so the parts parse as one Document: the one the typed mapping would
/// have built, without decoding stored text into strings and encoding it back.
/// </summary>
public sealed class EncodedDocument
{
    private readonly int _messageSize;

    /// <summary>
    /// Joins <paramref name="message"/> with <paramref name="metadata"/> and <paramref name="content"/>; the message
    /// must hold none of the fields they carry.
    /// </summary>
    public EncodedDocument(Document message, ReadOnlyMemory<byte> metadata, ReadOnlyMemory<byte> content)
    {
        Message = message;
        Metadata = metadata;
        Content = content;
        _messageSize = message.CalculateSize();
    }

    /// <summary>The fields not in <see cref="Metadata"/> or <see cref="Content"/>.</summary>
    public Document Message { get; }

    /// <summary>The parsed metadata in <see cref="MetadataWireFormat"/>; empty when <see cref="Message"/> holds it.</summary>
    public ReadOnlyMemory<byte> Metadata { get; }

    /// <summary>The body and teasers in <see cref="ContentWireFormat"/>; empty in the BASIC view.</summary>
    public ReadOnlyMemory<byte> Content { get; }

    /// <summary>Bytes of the serialized Document.</summary>
    public int Size => _messageSize + Metadata.Length + Content.Length;

    /// <summary>The document's resource name.</summary>
    public string Name => Message.Name;

    /// <summary>The document in the BASIC view: what a large document's header carries.</summary>
    public Document ToMetadata()
    {
        var metadata = Message.Clone();
        metadata.RawContent = ByteString.Empty;
        metadata.MergeFrom(Metadata.Span);
        return metadata;
    }

    /// <summary>The whole Document as a typed message, for responses that embed it in a generated message.</summary>
    public Document ToMessage()
    {
        var document = Message.Clone();
        document.MergeFrom(Metadata.Span);
        document.MergeFrom(Content.Span);
        return document;
    }

    /// <summary>Writes the serialized Document to <paramref name="output"/>.</summary>
    public void WriteTo(IBufferWriter<byte> output)
    {
        Message.WriteTo(output);
        output.Write(Metadata.Span);
        output.Write(Content.Span);
    }

    /// <summary>Writes the serialized Document into <paramref name="destination"/>, which must be exactly <see cref="Size"/> long.</summary>
    public void WriteTo(Span<byte> destination)
    {
        Message.WriteTo(destination[.._messageSize]);
        Metadata.Span.CopyTo(destination[_messageSize..]);
        Content.Span.CopyTo(destination[(_messageSize + Metadata.Length)..]);
    }
}
