using System.Runtime.CompilerServices;
using DocStream.Contracts.V1;
using Grpc.Core;

namespace DocStream.Client;

/// <summary>Reads a WatchDocuments stream as events, and follows it across reconnects.</summary>
public static class WatchReaderExtensions
{
    /// <summary>A watch is followed until its caller stops it, so it is retried without end.</summary>
    private static readonly ResumeOptions FollowOptions = new() { MaxRetries = int.MaxValue, FirstDelay = TimeSpan.FromMilliseconds(250) };

    /// <summary>
    /// Yields each event of a WatchDocuments call; a change whose document came as <c>large_document</c> and chunks
    /// is yielded once, after its last chunk, with the document in <see cref="DocumentChange.Document"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">The stream broke the framing rules (chunks out of order, a change left unfinished).</exception>
    public static async IAsyncEnumerable<WatchEvent> ReadEventsAsync(
        this IAsyncStreamReader<WatchDocumentsResponse> stream, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var assembler = new DocumentAssembler();
        DocumentChange? pending = null;
        while (await stream.MoveNext(cancellationToken))
        {
            var message = stream.Current;
            switch (message.EventCase)
            {
                case WatchDocumentsResponse.EventOneofCase.Change when message.Change.Document is null && message.Change.Type != DocumentChange.Types.Type.Deleted:
                    // Its document follows as a header and chunks.
                    pending = pending is null ? message.Change : throw new InvalidDataException($"A change of {pending.Name} was left without its document.");
                    break;
                case WatchDocumentsResponse.EventOneofCase.Change:
                    yield return new WatchEvent(WatchEventKind.Change, message.Change, message.ResumeToken, message.Position);
                    break;
                case WatchDocumentsResponse.EventOneofCase.LargeDocument:
                    assembler.Start(message.LargeDocument);
                    break;
                case WatchDocumentsResponse.EventOneofCase.Chunk:
                    if (assembler.Append(message.Chunk) is { } document)
                    {
                        var change = pending ?? throw new InvalidDataException($"Chunks of {document.Name} came without a change.");
                        pending = null;
                        change.Document = document;
                        yield return new WatchEvent(WatchEventKind.Change, change, message.ResumeToken, message.Position);
                    }

                    break;
                case WatchDocumentsResponse.EventOneofCase.SnapshotComplete:
                    yield return new WatchEvent(WatchEventKind.SnapshotComplete, null, message.ResumeToken, message.Position);
                    break;
                case WatchDocumentsResponse.EventOneofCase.Progress:
                    yield return new WatchEvent(WatchEventKind.Progress, null, message.ResumeToken, message.Position);
                    break;
                default:
                    throw new InvalidDataException($"Unknown event {message.EventCase}; update the client.");
            }
        }
    }

    /// <summary>
    /// Follows a watch for as long as <paramref name="cancellationToken"/> allows: when the stream breaks in transit
    /// (UNAVAILABLE: a lost connection, a server draining or restarting, or the stream ending), opens it again with
    /// the last resume token seen, waiting longer after each failure in a row (from 0.25 s up to 10 s), so the caller
    /// sees every event once, in order. <paramref name="request"/>'s own resume token is where it begins. Other errors
    /// (a bad filter, an expired token), and a server that cannot be reached before the watch was first opened, are
    /// thrown.
    /// </summary>
    /// <exception cref="RpcException">The server refused the watch, or could not be reached at all.</exception>
    public static IAsyncEnumerable<WatchEvent> FollowAsync(
        this DocumentService.DocumentServiceClient client, WatchDocumentsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        return client.ResumingWatchDocuments(request, FollowOptions).ReadAsync(request.ResumeToken, cancellationToken);
    }

    /// <summary>
    /// The resuming WatchDocuments call behind <see cref="FollowAsync"/>, with retries as <paramref name="options"/>
    /// say, for a caller that wants to know, when it fails, the
    /// <see cref="ResumingStream{TResponse, TItem}.ResumeToken"/> to continue from later. Read it with <c>ReadAsync</c>
    /// from the token to begin after.
    /// </summary>
    public static ResumingStream<WatchDocumentsResponse, WatchEvent> ResumingWatchDocuments(
        this DocumentService.DocumentServiceClient client, WatchDocumentsRequest request, ResumeOptions options) =>
        new(
            (token, ct) => client.WatchDocuments(new WatchDocumentsRequest(request) { ResumeToken = token }, cancellationToken: ct),
            ReadEventsAsync,
            watchEvent => watchEvent.ResumeToken,
            ResumableKind.Watch,
            options);
}
