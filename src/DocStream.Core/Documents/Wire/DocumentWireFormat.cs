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

    /// <summary>The serialized size of the Document holding <paramref name="parts"/> of <paramref name="document"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="document"/> does not hold all of <paramref name="parts"/>.</exception>
    public static int SerializedSize(StoredDocument document, DocumentParts parts)
    {
        CheckParts(document, parts);
        var size = WireWriter.LengthDelimitedSize(ContractDocument.NameFieldNumber, NamePrefix.Length + document.Id.Length)
            + WireWriter.StringSize(ContractDocument.ContentSha256FieldNumber, document.ContentSha256)
            + WireWriter.StringSize(ContractDocument.SourceUriFieldNumber, document.SourceUri)
            + document.Metadata.Length
            + WireWriter.Int64Size(ContractDocument.SizeBytesFieldNumber, document.SizeBytes)
            + WireWriter.LengthDelimitedSize(ContractDocument.CreateTimeFieldNumber, TimestampSize(document.CreateTime))
            + WireWriter.StringSize(ContractDocument.EtagFieldNumber, document.Etag);
        if (parts.HasFlag(DocumentParts.RawContent) && document.RawContent!.Length > 0)
        {
            size += WireWriter.LengthDelimitedSize(ContractDocument.RawContentFieldNumber, document.RawContent.Length);
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
    public static void WriteTo(StoredDocument document, DocumentParts parts, IBufferWriter<byte> output)
    {
        CheckParts(document, parts);
        ArgumentNullException.ThrowIfNull(output);
        var metadata = document.Metadata.Span;
        // The metadata's fields sit on both sides of the body (10, 11) and the size (15).
        var beforeBody = MetadataWireFormat.OffsetOfFieldsAfter(metadata, ContractDocument.ReadAlsoFieldNumber);
        var beforeSize = beforeBody + MetadataWireFormat.OffsetOfFieldsAfter(metadata[beforeBody..], ContractDocument.SizeBytesFieldNumber);

        WireWriter.WriteLengthDelimitedHeader(output, ContractDocument.NameFieldNumber, NamePrefix.Length + document.Id.Length);
        output.Write(NamePrefix);
        Encoding.UTF8.GetBytes(document.Id, output);
        WireWriter.WriteString(output, ContractDocument.ContentSha256FieldNumber, document.ContentSha256);
        if (parts.HasFlag(DocumentParts.RawContent) && document.RawContent!.Length > 0)
        {
            WireWriter.WriteBytes(output, ContractDocument.RawContentFieldNumber, document.RawContent);
        }

        WireWriter.WriteString(output, ContractDocument.SourceUriFieldNumber, document.SourceUri);
        output.Write(metadata[..beforeBody]);
        if (parts.HasFlag(DocumentParts.Body))
        {
            output.Write(document.Body.Span);
        }

        output.Write(metadata[beforeBody..beforeSize]);
        WireWriter.WriteInt64(output, ContractDocument.SizeBytesFieldNumber, document.SizeBytes);
        output.Write(metadata[beforeSize..]);
        WriteTimestamp(output, ContractDocument.CreateTimeFieldNumber, document.CreateTime);
        WireWriter.WriteString(output, ContractDocument.EtagFieldNumber, document.Etag);
    }

    /// <summary>
    /// Writes the Document into the start of <paramref name="destination"/>, which must hold at least
    /// <see cref="SerializedSize"/> bytes; returns that size.
    /// </summary>
    public static int WriteTo(StoredDocument document, DocumentParts parts, byte[] destination)
    {
        var output = new ArrayPrefixWriter(destination);
        WriteTo(document, parts, output);
        return output.Written;
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
        return WireWriter.Int64Size(ContractTimestamp.SecondsFieldNumber, seconds) + WireWriter.Int64Size(ContractTimestamp.NanosFieldNumber, nanos);
    }

    private static void WriteTimestamp(IBufferWriter<byte> output, int fieldNumber, DateTimeOffset time)
    {
        var (seconds, nanos) = ToTimestamp(time);
        WireWriter.WriteLengthDelimitedHeader(output, fieldNumber, TimestampSize(time));
        WireWriter.WriteInt64(output, ContractTimestamp.SecondsFieldNumber, seconds);
        WireWriter.WriteInt64(output, ContractTimestamp.NanosFieldNumber, nanos);
    }

    /// <summary>An <see cref="IBufferWriter{T}"/> that fills an array from its start and never grows it.</summary>
    private sealed class ArrayPrefixWriter(byte[] destination) : IBufferWriter<byte>
    {
        public int Written { get; private set; }

        public void Advance(int count) => Written += count;

        public Memory<byte> GetMemory(int sizeHint = 0) => destination.AsMemory(Written);

        public Span<byte> GetSpan(int sizeHint = 0) => destination.AsSpan(Written);
    }
}
