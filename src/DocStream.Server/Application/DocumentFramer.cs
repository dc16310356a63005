using System.Buffers;
using DocStream.Core.Documents;
using DocStream.Core.Documents.Wire;

namespace DocStream.Server.Application;

/// <summary>What one message carries of a document.</summary>
public enum DocumentFrameKind
{
    /// <summary>The whole document.</summary>
    Whole,

    /// <summary>The announcement of a document sent in chunks: its metadata and serialized size.</summary>
    Header,

    /// <summary>A piece of the serialized document announced by the last header.</summary>
    Chunk,
}

/// <summary>One message's worth of a document (see <see cref="DocumentFramer"/>).</summary>
/// <param name="Kind">What the message carries.</param>
/// <param name="Document">The document.</param>
/// <param name="ChunkOffset">For a chunk, its offset in the serialized document.</param>
/// <param name="ChunkData">For a chunk, its bytes: valid only until the next frame is asked for.</param>
/// <param name="IsLastChunk">For a chunk, whether it is the document's last.</param>
public readonly record struct DocumentFrame(
    DocumentFrameKind Kind, StoredDocument Document, long ChunkOffset = 0, ReadOnlyMemory<byte> ChunkData = default, bool IsLastChunk = false);

/// <summary>
/// Splits a document into messages: whole when it fits in one, otherwise a header then ordered chunks of its
/// serialized bytes (the Bigtable pattern), which concatenated parse as the document.
/// </summary>
/// <param name="budgets">What fits in a message and how large a chunk is.</param>
public sealed class DocumentFramer(MessageBudgets budgets)
{
    /// <summary>
    /// The frames of <paramref name="document"/>, in order. Chunks are slices of one pooled buffer, serialized once
    /// and returned to the pool when the enumeration ends: send each before asking for the next.
    /// </summary>
    public IEnumerable<DocumentFrame> Frame(StoredDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return budgets.FitsInOneMessage(document) ? [new DocumentFrame(DocumentFrameKind.Whole, document)] : Chunked(document);
    }

    private IEnumerable<DocumentFrame> Chunked(StoredDocument document)
    {
        yield return new DocumentFrame(DocumentFrameKind.Header, document);
        var size = document.SerializedSize;
        var serialized = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            DocumentWireFormat.WriteTo(document, document.Parts, serialized);
            var chunkBytes = budgets.ChunkBytes;
            for (var offset = 0; offset < size; offset += chunkBytes)
            {
                var length = Math.Min(chunkBytes, size - offset);
                yield return new DocumentFrame(DocumentFrameKind.Chunk, document, offset, serialized.AsMemory(offset, length), offset + length == size);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(serialized);
        }
    }
}
