using System.Runtime.InteropServices;
using Google.Protobuf;

namespace DocStream.Core.Documents.Wire;

/// <summary>Reading stored wire-form bytes with protobuf's own decoder, without copying them out of their array.</summary>
internal static class WireInput
{
    /// <summary>A protobuf input over <paramref name="encoded"/>.</summary>
    public static CodedInputStream Open(ReadOnlyMemory<byte> encoded) =>
        MemoryMarshal.TryGetArray(encoded, out var segment)
            ? new CodedInputStream(segment.Array!, segment.Offset, segment.Count)
            : new CodedInputStream(encoded.ToArray());
}
