using System.Runtime.CompilerServices;
using DocStream.Contracts.V1;
using Grpc.Core;

namespace DocStream.Client;

/// <summary>Reads a WatchDocuments stream as events, and follows it across reconnects.</summary>
public static class WatchReaderExtensions
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LongestRetryDelay = TimeSpan.FromSeconds(10);

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
    /// Follows a watch for as long as <paramref name="cancellationToken"/> allows: when the connection drops
    /// (UNAVAILABLE, or the stream ends), opens it again with the last resume token seen, waiting longer after each
    /// failure in a row, so the caller sees every event once, in order. <paramref name="request"/>'s own resume
    /// token is where it begins. Other errors (a bad filter, an expired token) are thrown.
    /// </summary>
    /// <exception cref="RpcException">The server refused the watch.</exception>
    public static async IAsyncEnumerable<WatchEvent> FollowAsync(
        this DocumentService.DocumentServiceClient client, WatchDocumentsRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        var next = request.Clone();
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            using var call = client.WatchDocuments(next, cancellationToken: cancellationToken);
            await using var events = call.ResponseStream.ReadEventsAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                try
                {
                    if (!await events.MoveNextAsync())
                    {
                        break;
                    }
                }
                catch (RpcException ex) when (ex.StatusCode == StatusCode.Unavailable && !cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                failures = 0;
                next.ResumeToken = events.Current.ResumeToken;
                yield return events.Current;
            }

            failures++;
            var delay = TimeSpan.FromTicks(Math.Min(LongestRetryDelay.Ticks, FirstRetryDelay.Ticks << Math.Min(failures - 1, 6)));
            await Task.Delay(delay, cancellationToken);
        }
    }
}
