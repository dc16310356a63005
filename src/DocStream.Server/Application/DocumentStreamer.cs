using System.Runtime.CompilerServices;
using DocStream.Core.Documents;
using DocStream.Core.Paging;
using DocStream.Core.Querying;
using DocStream.Core.Storage;

namespace DocStream.Server.Application;

/// <summary>One message of a document stream.</summary>
/// <param name="Frame">What of which document it carries.</param>
/// <param name="ResumeToken">Resumes after every document completed up to and including this message, and none after.</param>
/// <param name="Flush">True when the message should reach the socket now rather than wait for more.</param>
public sealed record StreamFrame(DocumentFrame Frame, string ResumeToken, bool Flush);

/// <summary>
/// StreamDocuments: every document of a filter, oldest first, read from the store a batch at a time (so the server
/// holds one batch whatever the corpus size), each message with its resume token.
/// </summary>
/// <param name="reader">The store's reads.</param>
/// <param name="tokens">Decodes and issues resume tokens.</param>
/// <param name="framer">Splits documents too large for a message.</param>
/// <param name="budgets">How much a batch reads.</param>
public sealed class DocumentStreamer(IDocumentReader reader, CursorTokens tokens, DocumentFramer framer, MessageBudgets budgets)
{
    /// <summary>
    /// The messages of the stream of <paramref name="filter"/> holding <paramref name="parts"/>, continuing after
    /// <paramref name="resumeToken"/> (from the start when it is empty). A document sent in chunks carries the
    /// previous document's token until its last chunk, so a resume restarts it instead of skipping it. Small
    /// documents are flushed once <see cref="MessageBudgets.StreamFlushBytes"/> are pending and at the end of each
    /// store batch; chunks are flushed one by one. The stream ends at the last document stored when it gets there.
    /// </summary>
    /// <exception cref="InvalidCursorTokenException">The resume token is malformed or from another stream.</exception>
    public async IAsyncEnumerable<StreamFrame> StreamAsync(
        DocumentFilter filter, DocumentParts parts, string? resumeToken, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var cursor = await tokens.OpenAsync(CursorScope.ForStream(filter, parts), resumeToken, cancellationToken);
        var token = resumeToken ?? "";
        var query = new DocumentQuery
        {
            Filter = filter, Parts = parts, AfterSequence = cursor.After, Limit = MessageBudgets.StreamBatchDocuments, MaxBytes = budgets.StreamBatchBytes,
        };
        long unflushedBytes = 0;
        // The next batch is read while this one is sent: the store's read is work on this core, and sending mostly
        // waits for the client to take the bytes.
        using var readAhead = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<DocumentPage>? next = ReadAsync(query, readAhead.Token);
        try
        {
            while (next is not null)
            {
                var page = await next;
                next = null;
                if (page.MoreMayFollow)
                {
                    query = query with { AfterSequence = page.Documents[^1].Sequence };
                    next = ReadAsync(query, readAhead.Token);
                }

                for (var i = 0; i < page.Documents.Count; i++)
                {
                    var document = page.Documents[i];
                    var previousToken = token;
                    token = cursor.TokenAfter(document.Sequence);
                    foreach (var frame in framer.Frame(document))
                    {
                        if (frame.Kind == DocumentFrameKind.Whole)
                        {
                            unflushedBytes += document.SerializedSize;
                            var flush = unflushedBytes >= MessageBudgets.StreamFlushBytes || i == page.Documents.Count - 1;
                            unflushedBytes = flush ? 0 : unflushedBytes;
                            yield return new StreamFrame(frame, token, flush);
                        }
                        else
                        {
                            unflushedBytes = 0;
                            yield return new StreamFrame(frame, frame.IsLastChunk ? token : previousToken, Flush: true);
                        }
                    }
                }
            }
        }
        finally
        {
            if (next is not null)
            {
                // The caller stopped early (cancelled, or the client went away): nobody wants the batch read ahead.
                await readAhead.CancelAsync();
                try
                {
                    await next;
                }
                catch (Exception)
                {
                    // Whatever it failed with, it was cancelled and its result is unwanted.
                }
            }
        }
    }

    // On the thread pool, so that a store whose reads complete synchronously still reads while the caller sends.
    private Task<DocumentPage> ReadAsync(DocumentQuery query, CancellationToken cancellationToken) =>
        Task.Run(() => reader.ReadAsync(query, cancellationToken), cancellationToken);
}
