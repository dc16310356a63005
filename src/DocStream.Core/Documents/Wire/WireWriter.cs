using System.Buffers;
using System.Text;
using Google.Protobuf;

namespace DocStream.Core.Documents.Wire;

/// <summary>
/// Writes protobuf wire-form pieces (tags, varints, strings, length-delimited fields) straight into an
/// <see cref="IBufferWriter{T}"/>, for messages assembled from parts that are already in wire form. Sizes are
/// <see cref="CodedOutputStream"/>'s, so a message written here has the length its generated type computes.
/// </summary>
public static class WireWriter
{
    /// <summary>The bytes a length-delimited field of <paramref name="length"/> bytes takes, tag and length included.</summary>
    public static int LengthDelimitedSize(int fieldNumber, int length) =>
        CodedOutputStream.ComputeTagSize(fieldNumber) + CodedOutputStream.ComputeLengthSize(length) + length;

    /// <summary>The bytes a string field takes, or 0 for the empty string, which proto3 leaves out.</summary>
    public static int StringSize(int fieldNumber, string value) =>
        value.Length == 0 ? 0 : LengthDelimitedSize(fieldNumber, Encoding.UTF8.GetByteCount(value));

    /// <summary>The bytes an int64 field takes, or 0 for zero, which proto3 leaves out.</summary>
    public static int Int64Size(int fieldNumber, long value) =>
        value == 0 ? 0 : CodedOutputStream.ComputeTagSize(fieldNumber) + CodedOutputStream.ComputeInt64Size(value);

    /// <summary>Writes a field's tag.</summary>
    public static void WriteTag(IBufferWriter<byte> output, int fieldNumber, WireFormat.WireType wireType) =>
        WriteVarint(output, WireFormat.MakeTag(fieldNumber, wireType));

    /// <summary>Writes a base-128 varint.</summary>
    public static void WriteVarint(IBufferWriter<byte> output, ulong value)
    {
        ArgumentNullException.ThrowIfNull(output);
        var span = output.GetSpan(10);
        var length = 0;
        while (value >= 0x80)
        {
            span[length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[length++] = (byte)value;
        output.Advance(length);
    }

    /// <summary>Writes the tag and length of a length-delimited field whose <paramref name="length"/> bytes follow.</summary>
    public static void WriteLengthDelimitedHeader(IBufferWriter<byte> output, int fieldNumber, int length)
    {
        WriteTag(output, fieldNumber, WireFormat.WireType.LengthDelimited);
        WriteVarint(output, (uint)length);
    }

    /// <summary>Writes a length-delimited field holding <paramref name="value"/>.</summary>
    public static void WriteBytes(IBufferWriter<byte> output, int fieldNumber, ReadOnlySpan<byte> value)
    {
        WriteLengthDelimitedHeader(output, fieldNumber, value.Length);
        output.Write(value);
    }

    /// <summary>Writes a string field, unless <paramref name="value"/> is empty (proto3 leaves it out).</summary>
    public static void WriteString(IBufferWriter<byte> output, int fieldNumber, string value)
    {
        if (value.Length == 0)
        {
            return;
        }

        WriteLengthDelimitedHeader(output, fieldNumber, Encoding.UTF8.GetByteCount(value));
        Encoding.UTF8.GetBytes(value, output);
    }

    /// <summary>Writes an int64 field, unless <paramref name="value"/> is zero (proto3 leaves it out).</summary>
    public static void WriteInt64(IBufferWriter<byte> output, int fieldNumber, long value)
    {
        if (value == 0)
        {
            return;
        }

        WriteTag(output, fieldNumber, WireFormat.WireType.Varint);
        WriteVarint(output, (ulong)value);
    }
}
