using System.Buffers;
using System.Text;
using ContractDocument = DocStream.Contracts.V1.Document;
using ContractTimestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace DocStream.Core.Documents.Wire;

/// <summary>
/// The contract's <c>Document</c> message written from a <see cref="StoredDocument"/>: its stored fields, its raw
/// bytes, and its parsed fields as the store keeps them (<see cref="MetadataWireFormat"/>,
/// <see cref="ContentWireFormat"/>), all in field-number order, so that the bytes are exactly those the generated
/// serializer writes for the same <c>Document</c>. Nothing stored is decoded on the way.
/// </summary>
public static class DocumentWireFormat
{
    private static ReadOnlySpan<byte> NamePrefix => "documents/"u8;

    private static ReadOnlySpan<byte> StoryPrefix => "stories/"u8;

    /// <summary>The serialized size of the Document holding <paramref name="parts"/> of <paramref name="document"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="document"/> does not hold all of <paramref name="parts"/>.</exception>
    public static int SerializedSize(StoredDocument document, DocumentParts parts)
    {
        CheckParts(document, parts);
        var size = WireSize.LengthDelimited(ContractDocument.NameFieldNumber, NamePrefix.Length + document.Id.Length)
            + WireSize.String(ContractDocument.ContentSha256FieldNumber, document.ContentSha256)
            + WireSize.String(ContractDocument.SourceUriFieldNumber, document.SourceUri)
            + document.Metadata.Length
            + WireSize.Int64(ContractDocument.SizeBytesFieldNumber, document.SizeBytes)
            + WireSize.LengthDelimited(ContractDocument.CreateTimeFieldNumber, TimestampSize(document.CreateTime))
            + WireSize.String(ContractDocument.EtagFieldNumber, document.Etag)
            + StoryFieldsSize(document);
        if (parts.HasFlag(DocumentParts.RawContent) && document.RawContent!.Length > 0)
        {
            size += WireSize.LengthDelimited(ContractDocument.RawContentFieldNumber, document.RawContent.Length);
        }

        if (parts.HasFlag(DocumentParts.Body))
        {
            size += document.Body.Length;
        }

        return size;
    }

    /// <summary>Writes the Document holding <paramref name="parts"/> of <paramref name="document"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="document"/> does not hold all of <paramref name="parts"/>.</exception>
    /// <exception cref="InvalidDataException">The stored metadata is not valid protobuf.</exception>
    public static void WriteTo(StoredDocument document, DocumentParts parts, ref WireOutput output)
    {
        CheckParts(document, parts);
        var metadata = document.Metadata.Span;
        // The metadata's fields sit on both sides of the body (10, 11) and the size (15).
        var beforeBody = MetadataWireFormat.OffsetOfFieldsAfter(metadata, ContractDocument.ReadAlsoFieldNumber);
        var beforeSize = beforeBody + MetadataWireFormat.OffsetOfFieldsAfter(metadata[beforeBody..], ContractDocument.SizeBytesFieldNumber);

        output.WriteLengthDelimitedHeader(ContractDocument.NameFieldNumber, NamePrefix.Length + document.Id.Length);
        output.WriteRaw(NamePrefix);
        WriteAsciiId(document.Id, ref output);
        output.WriteString(ContractDocument.ContentSha256FieldNumber, document.ContentSha256);
        if (parts.HasFlag(DocumentParts.RawContent) && document.RawContent!.Length > 0)
        {
            output.WriteBytes(ContractDocument.RawContentFieldNumber, document.RawContent);
        }

        output.WriteString(ContractDocument.SourceUriFieldNumber, document.SourceUri);
        output.WriteRaw(metadata[..beforeBody]);
        if (parts.HasFlag(DocumentParts.Body))
        {
            output.WriteRaw(document.Body.Span);
        }

        output.WriteRaw(metadata[beforeBody..beforeSize]);
        output.WriteInt64(ContractDocument.SizeBytesFieldNumber, document.SizeBytes);
        output.WriteRaw(metadata[beforeSize..]);
        var (seconds, nanos) = ToTimestamp(document.CreateTime);
        output.WriteLengthDelimitedHeader(ContractDocument.CreateTimeFieldNumber, TimestampSize(document.CreateTime));
        output.WriteInt64(ContractTimestamp.SecondsFieldNumber, seconds);
        output.WriteInt64(ContractTimestamp.NanosFieldNumber, nanos);
        output.WriteString(ContractDocument.EtagFieldNumber, document.Etag);
        if (document.StoryId is { } story)
        {
            output.WriteLengthDelimitedHeader(ContractDocument.StoryFieldNumber, StoryPrefix.Length + story.Length);
            output.WriteRaw(StoryPrefix);
            WriteAsciiId(story, ref output);
        }

        if (document.NearDuplicateOf is { } original)
        {
            output.WriteLengthDelimitedHeader(ContractDocument.NearDuplicateOfFieldNumber, NamePrefix.Length + original.Length);
            output.WriteRaw(NamePrefix);
            WriteAsciiId(original, ref output);
        }
    }

    // Ids are lowercase hex: their characters are their UTF-8 bytes.
    private static void WriteAsciiId(string id, ref WireOutput output)
    {
        Span<byte> bytes = stackalloc byte[id.Length];
        Encoding.ASCII.GetBytes(id, bytes);
        output.WriteRaw(bytes);
    }

    private static int StoryFieldsSize(StoredDocument document) =>
        (document.StoryId is { } story ? WireSize.LengthDelimited(ContractDocument.StoryFieldNumber, StoryPrefix.Length + story.Length) : 0)
        + (document.NearDuplicateOf is { } original
            ? WireSize.LengthDelimited(ContractDocument.NearDuplicateOfFieldNumber, NamePrefix.Length + original.Length)
            : 0);

    /// <summary>Writes the Document holding <paramref name="parts"/> of <paramref name="document"/> to <paramref name="writer"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="document"/> does not hold all of <paramref name="parts"/>.</exception>
    /// <exception cref="InvalidDataException">The stored metadata is not valid protobuf.</exception>
    public static void WriteTo(StoredDocument document, DocumentParts parts, IBufferWriter<byte> writer)
    {
        var output = new WireOutput(writer);
        WriteTo(document, parts, ref output);
        output.Flush();
    }

    /// <summary>
    /// Writes the Document into the start of <paramref name="destination"/>, which must hold at least
    /// <see cref="SerializedSize"/> bytes; returns that size.
    /// </summary>
    public static int WriteTo(StoredDocument document, DocumentParts parts, byte[] destination)
    {
        var writer = new ArrayPrefixWriter(destination);
        WriteTo(document, parts, writer);
        return writer.Written;
    }

    private static void CheckParts(StoredDocument document, DocumentParts parts)
    {
        ArgumentNullException.ThrowIfNull(document);
        if ((document.Parts & parts) != parts)
        {
            throw new ArgumentException($"The document holds {document.Parts}, not {parts}.", nameof(parts));
        }
    }

    // Timestamp.FromDateTimeOffset's seconds and nanos, without a message per document.
    private static (long Seconds, int Nanos) ToTimestamp(DateTimeOffset time)
    {
        var ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var remainder);
        if (remainder < 0)
        {
            seconds--;
            remainder += TimeSpan.TicksPerSecond;
        }

        return (seconds, (int)(remainder * 100));
    }

    private static int TimestampSize(DateTimeOffset time)
    {
        var (seconds, nanos) = ToTimestamp(time);
        return WireSize.Int64(ContractTimestamp.SecondsFieldNumber, seconds) + WireSize.Int64(ContractTimestamp.NanosFieldNumber, nanos);
    }

    /// <summary>An <see cref="IBufferWriter{T}"/> that fills an array from its start and never grows it: every span it hands out is the rest of the array.</summary>
    private sealed class ArrayPrefixWriter(byte[] destination) : IBufferWriter<byte>
    {
        public int Written { get; private set; }

        public void Advance(int count) => Written += count;

        public Memory<byte> GetMemory(int sizeHint = 0) => destination.AsMemory(Written);

        public Span<byte> GetSpan(int sizeHint = 0) => destination.AsSpan(Written);
    }
}
