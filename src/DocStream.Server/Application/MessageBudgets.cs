using DocStream.Core.Documents;
using Google.Protobuf;

namespace DocStream.Server.Application;

/// <summary>
/// The one place the largest message the server sends (<c>Limits:MaxMessageBytes</c>) becomes the budgets of the
/// calls that send documents: what fits whole in a message, how much a list page holds, how large a chunk is and
/// how much a stream reads from the store at a time.
/// </summary>
public sealed class MessageBudgets
{
    /// <summary>The smallest message limit accepted: room for a chunk and its frame.</summary>
    public const int MinMessageBytes = 16 * 1024;

    /// <summary>
    /// Most bytes of a document per chunk: below the 85,000-byte large object heap threshold, so chunk buffers stay
    /// in the ordinary, compacted heap.
    /// </summary>
    public const int MaxChunkBytes = 64 * 1024;

    /// <summary>Documents a stream reads from the store at a time.</summary>
    public const int StreamBatchDocuments = 64;

    /// <summary>Bytes of small documents a stream buffers before it flushes them to the socket.</summary>
    public const int StreamFlushBytes = 64 * 1024;

    /// <summary>Room kept in a message for the fields around a document or chunk (its name, offsets, resume token).</summary>
    private const int FrameReserveBytes = 1024;

    /// <summary>Room kept in a list page for its page token (44 characters, with its tag and length).</summary>
    private const int PageTokenReserveBytes = 64;

    /// <summary>Derives the budgets from the largest message the server sends.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxMessageBytes"/> is below <see cref="MinMessageBytes"/>.</exception>
    public MessageBudgets(int maxMessageBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessageBytes, MinMessageBytes);
        MaxMessageBytes = maxMessageBytes;
    }

    /// <summary>The largest message the server sends.</summary>
    public int MaxMessageBytes { get; }

    /// <summary>The largest serialized document sent whole in one message; a larger one goes as a header and chunks.</summary>
    public int WholeDocumentBytes => MaxMessageBytes - FrameReserveBytes;

    /// <summary>Bytes of documents in one chunk.</summary>
    public int ChunkBytes => Math.Min(MaxChunkBytes, WholeDocumentBytes);

    /// <summary>
    /// Bytes of serialized documents in a ListDocuments page of up to <paramref name="pageSize"/> documents: the
    /// message less the page token and each document's tag and length. Its first document may take more, up to
    /// <see cref="WholeDocumentBytes"/>, and is then alone in the page.
    /// </summary>
    public long ListPageBytes(int pageSize) =>
        MaxMessageBytes - PageTokenReserveBytes - ((long)pageSize * (1 + CodedOutputStream.ComputeLengthSize(MaxMessageBytes)));

    /// <summary>Bytes of documents a stream reads from the store at a time: what the server holds per stream.</summary>
    public long StreamBatchBytes => 2L * MaxMessageBytes;

    /// <summary>True when <paramref name="document"/> fits whole in one message.</summary>
    public bool FitsInOneMessage(StoredDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.SerializedSize <= WholeDocumentBytes;
    }
}
