using System.Runtime.CompilerServices;
using DocStream.Cli.Output;
using Grpc.Core;

namespace DocStream.Cli.Streaming;

/// <summary>
/// Reads a server stream whose items each carry a resume token (StreamDocuments, WatchDocuments) and, when the
/// connection drops, opens it again from the last token it saw, so that the caller gets every item once, in order.
/// Gives up after <c>maxRetries</c> failures in a row (an item received resets the count), waiting longer before each
/// retry. A server that cannot be reached at all on the first attempt is reported at once: there is no stream to
/// resume.
/// </summary>
/// <typeparam name="TResponse">The messages of the call.</typeparam>
/// <typeparam name="TItem">What the messages are read as (a document, an event), each with the token that resumes after it.</typeparam>
/// <param name="startCall">Starts the call after the given resume token (empty for the start).</param>
/// <param name="read">Reads the call's messages as items (reassembling chunked documents).</param>
/// <param name="resumeTokenOf">The token that resumes after an item.</param>
/// <param name="kind">
/// What is read, as the resume notices name it (<c>stream</c>, <c>watch</c>), and whether its end means it is complete.
/// </param>
/// <param name="maxRetries">How many times in a row to reopen a dropped stream.</param>
/// <param name="log">Where to say that the stream is being resumed.</param>
internal sealed class ResumingStream<TResponse, TItem>(
    Func<string, CancellationToken, AsyncServerStreamingCall<TResponse>> startCall,
    Func<IAsyncStreamReader<TResponse>, CancellationToken, IAsyncEnumerable<TItem>> read,
    Func<TItem, string> resumeTokenOf,
    ResumableKind kind,
    int maxRetries,
    TextWriter log)
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromSeconds(10);

    /// <summary>The token that covers the last item yielded; the one to resume from.</summary>
    public string ResumeToken { get; private set; } = "";

    /// <summary>
    /// True once an item has been yielded, so that <see cref="ResumeToken"/> is one the server handed out rather than
    /// the one the caller began with, which the server may have refused.
    /// </summary>
    public bool ReceivedAny { get; private set; }

    /// <summary>Yields each item after <paramref name="resumeToken"/>.</summary>
    /// <exception cref="RpcException">The call failed for good: not a dropped connection, or too many in a row.</exception>
    public async IAsyncEnumerable<TItem> ReadAsync(string resumeToken, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ResumeToken = resumeToken;
        var failures = 0;
        var connected = false;
        while (true)
        {
            using var call = startCall(ResumeToken, cancellationToken);
            await using var items = read(call.ResponseStream, cancellationToken).GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                try
                {
                    if (!await items.MoveNextAsync())
                    {
                        if (kind.Completes)
                        {
                            yield break;
                        }

                        // An endless stream that ends was cut somewhere on the way (a proxy closing it, the server
                        // going away): retried like any other drop, and reported like one once the retries run out.
                        throw new RpcException(new Status(StatusCode.Unavailable, $"the server ended the {kind.Name}"));
                    }
                }
                catch (RpcException ex) when (ShouldResume(ex, connected, failures, cancellationToken))
                {
                    // A stream was under way, so from now on a refused connection is the server restarting.
                    connected = true;
                    failures++;
                    var delay = Delay(failures);
                    var from = ResumeToken.Length == 0 ? "from the start" : "from the last resume token";
                    await log.WriteLineAsync(
                        $"docstream: the {kind.Name} broke ({ErrorReport.StatusName(ex.StatusCode)}: {ex.Status.Detail}); resuming {from} in {delay.TotalSeconds:0.#} s (retry {failures} of {maxRetries})");
                    await Task.Delay(delay, cancellationToken);
                    break;
                }

                failures = 0;
                connected = true;
                ReceivedAny = true;
                ResumeToken = resumeTokenOf(items.Current);
                yield return items.Current;
            }
        }
    }

    /// <summary>
    /// True for a stream that broke in transit (UNAVAILABLE: the connection was lost, refused, or the server is
    /// restarting) while retries are left, as opposed to an answer from the server that a retry would only repeat.
    /// A server that could not be reached before any stream was under way is not retried.
    /// </summary>
    private bool ShouldResume(RpcException exception, bool connected, int failures, CancellationToken cancellationToken) =>
        exception.StatusCode == StatusCode.Unavailable
        && (connected || !ErrorReport.IsConnectionFailure(exception))
        && failures < maxRetries
        && !cancellationToken.IsCancellationRequested;

    private static TimeSpan Delay(int failure) =>
        TimeSpan.FromTicks(Math.Min(LongestDelay.Ticks, FirstDelay.Ticks << Math.Min(failure - 1, 16)));
}

/// <summary>What a <see cref="ResumingStream{TResponse, TItem}"/> reads.</summary>
/// <param name="Name">How the resume notices call it.</param>
/// <param name="Completes">True when the end of the stream means every item was sent; false for a stream that never ends by itself.</param>
internal sealed record ResumableKind(string Name, bool Completes)
{
    /// <summary>StreamDocuments: ends when every document was sent.</summary>
    public static readonly ResumableKind Stream = new("stream", Completes: true);

    /// <summary>WatchDocuments: runs until the caller stops it.</summary>
    public static readonly ResumableKind Watch = new("watch", Completes: false);
}
