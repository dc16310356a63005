using System.Buffers;
using DocStream.Contracts.V1;
using DocStream.Server.Grpc.PreEncoded;
using Google.Protobuf;

namespace DocStream.Server.Grpc;

/// <summary>
/// Splits a document too large for one message into a header and ordered chunks of its serialized bytes
/// (the Bigtable pattern), for the streaming methods.
/// </summary>
public static class DocumentFrames
{
    /// <summary>
    /// Chunk payload size: below the 85,000-byte large object heap threshold so that chunk buffers stay in the
    /// ordinary, compacted heap.
    /// </summary>
    public const int ChunkBytes = 64 * 1024;

    /// <summary>Room kept in each message for the frame's own fields (name, offsets, resume token).</summary>
    private const int FrameOverheadBytes = 1024;

    /// <summary>True when <paramref name="document"/> does not fit in one message of <paramref name="maxMessageBytes"/>.</summary>
    public static bool NeedsChunking(EncodedDocument document, int maxMessageBytes) => NeedsChunking(document.Size, maxMessageBytes);

    /// <summary>True when a Document of <paramref name="serializedBytes"/> does not fit in one message of <paramref name="maxMessageBytes"/>.</summary>
    public static bool NeedsChunking(int serializedBytes, int maxMessageBytes) => serializedBytes > maxMessageBytes - FrameOverheadBytes;

    /// <summary>
    /// Sends <paramref name="document"/> as a header then chunks, calling <paramref name="writeHeader"/> once and
    /// <paramref name="writeChunk"/> per chunk, in order.
    /// </summary>
    public static async Task WriteChunkedAsync(
        EncodedDocument document, Func<LargeDocumentHeader, Task> writeHeader, Func<DocumentChunk, Task> writeChunk)
    {
        var size = document.Size;
        await writeHeader(new LargeDocumentHeader { Metadata = document.ToMetadata(), SerializedSize = size });

        var serialized = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            document.WriteTo(serialized.AsSpan(0, size));
            for (var offset = 0; offset < size; offset += ChunkBytes)
            {
                var length = Math.Min(ChunkBytes, size - offset);
                // Safe without a copy: the write serializes the chunk before it completes, and the buffer outlives it.
                await writeChunk(new DocumentChunk
                {
                    Name = document.Name,
                    Offset = offset,
                    Data = UnsafeByteOperations.UnsafeWrap(serialized.AsMemory(offset, length)),
                    LastChunk = offset + length == size,
                });
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(serialized);
        }
    }
}
