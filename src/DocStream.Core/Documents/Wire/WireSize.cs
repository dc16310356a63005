using System.Text;
using Google.Protobuf;

namespace DocStream.Core.Documents.Wire;

/// <summary>
/// The sizes of protobuf wire-form fields, as <see cref="CodedOutputStream"/> computes them, so that a message written
/// with <see cref="WireOutput"/> has the length its generated type would compute.
/// </summary>
public static class WireSize
{
    /// <summary>The bytes a length-delimited field of <paramref name="length"/> bytes takes, tag and length included.</summary>
    public static int LengthDelimited(int fieldNumber, int length) =>
        CodedOutputStream.ComputeTagSize(fieldNumber) + CodedOutputStream.ComputeLengthSize(length) + length;

    /// <summary>The bytes a string field takes, or 0 for the empty string, which proto3 leaves out.</summary>
    public static int String(int fieldNumber, string value) =>
        value.Length == 0 ? 0 : LengthDelimited(fieldNumber, Encoding.UTF8.GetByteCount(value));

    /// <summary>The bytes an int64 field takes, or 0 for zero, which proto3 leaves out.</summary>
    public static int Int64(int fieldNumber, long value) =>
        value == 0 ? 0 : CodedOutputStream.ComputeTagSize(fieldNumber) + CodedOutputStream.ComputeInt64Size(value);

    /// <summary>The bytes a bool field takes, or 0 for false, which proto3 leaves out.</summary>
    public static int Bool(int fieldNumber, bool value) => value ? CodedOutputStream.ComputeTagSize(fieldNumber) + 1 : 0;
}
