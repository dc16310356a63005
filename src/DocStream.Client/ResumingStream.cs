using System.Runtime.CompilerServices;
using Grpc.Core;

namespace DocStream.Client;

/// <summary>
/// Reads a server stream whose items each carry a resume token (StreamDocuments, WatchDocuments) and, when the
/// stream breaks in transit (UNAVAILABLE: a lost connection, a server draining with <c>SERVER_SHUTTING_DOWN</c> or
/// restarting), opens it again from the last token it saw, so that the caller gets every item once, in order. Gives
/// up after <see cref="ResumeOptions.MaxRetries"/> failures in a row (an item received resets the count), waiting
/// longer before each retry. A server that cannot be reached at all on the first attempt is reported at once: there
/// is no stream to resume. Any other error (a bad filter, an expired token, a denied call) is thrown as it came.
/// </summary>
/// <typeparam name="TResponse">The messages of the call.</typeparam>
/// <typeparam name="TItem">What the messages are read as (a document, an event), each with the token that resumes after it.</typeparam>
/// <param name="startCall">Starts the call after the given resume token (empty for the start).</param>
/// <param name="read">Reads the call's messages as items (reassembling chunked documents).</param>
/// <param name="resumeTokenOf">The token that resumes after an item.</param>
/// <param name="kind">What is read, as notices name it, and whether its end means it is complete.</param>
/// <param name="options">How often and how long to retry, and who hears of it.</param>
public sealed class ResumingStream<TResponse, TItem>(
    Func<string, CancellationToken, AsyncServerStreamingCall<TResponse>> startCall,
    Func<IAsyncStreamReader<TResponse>, CancellationToken, IAsyncEnumerable<TItem>> read,
    Func<TItem, string> resumeTokenOf,
    ResumableKind kind,
    ResumeOptions options)
{
    /// <summary>The token that covers the last item yielded; the one to resume from.</summary>
    public string ResumeToken { get; private set; } = "";

    /// <summary>
    /// True once an item has been yielded, so that <see cref="ResumeToken"/> is one the server handed out rather than
    /// the one the caller began with, which the server may have refused.
    /// </summary>
    public bool ReceivedAny { get; private set; }

    /// <summary>Yields each item after <paramref name="resumeToken"/>.</summary>
    /// <exception cref="RpcException">The call failed for good: not a stream broken in transit, or too many in a row.</exception>
    public async IAsyncEnumerable<TItem> ReadAsync(string resumeToken, [EnumeratorCancellation] CancellationToken cancellationToken = default)
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
                catch (RpcException ex) when (options.ShouldResume(ex, connected, failures, cancellationToken))
                {
                    // A stream was under way, so from now on a refused connection is the server restarting.
                    connected = true;
                    failures++;
                    await options.WaitBeforeRetryAsync(kind, ex, failures, fromStart: ResumeToken.Length == 0, cancellationToken);
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
}

/// <summary>What a <see cref="ResumingStream{TResponse, TItem}"/> reads.</summary>
/// <param name="Name">How notices call it.</param>
/// <param name="Completes">True when the end of the stream means every item was sent; false for a stream that never ends by itself.</param>
public sealed record ResumableKind(string Name, bool Completes)
{
    /// <summary>StreamDocuments: ends when every document was sent.</summary>
    public static readonly ResumableKind Stream = new("stream", Completes: true);

    /// <summary>WatchDocuments: runs until the caller stops it.</summary>
    public static readonly ResumableKind Watch = new("watch", Completes: false);

    /// <summary>ImportDocumentBatches: ends when every item was acknowledged.</summary>
    public static readonly ResumableKind Import = new("import", Completes: true);
}

/// <summary>How a <see cref="ResumingStream{TResponse, TItem}"/> retries.</summary>
public sealed record ResumeOptions
{
    /// <summary>Retries in a row before the error is thrown; an item received resets the count. Default 5.</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>The wait before the first retry, doubled for each further one in a row. Default 0.5 s.</summary>
    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait between retries. Default 10 s.</summary>
    public TimeSpan LongestDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Called before each wait, to say that the stream broke and is being resumed.</summary>
    public Func<ResumeNotice, ValueTask>? OnResume { get; init; }

    /// <summary>
    /// True for a call that broke in transit (UNAVAILABLE: the connection was lost, refused, or the server is
    /// draining or restarting) while retries are left, as opposed to an answer from the server that a retry would
    /// only repeat. A server that could not be reached before anything came back (<paramref name="connected"/> false)
    /// is not retried: there is nothing to resume.
    /// </summary>
    internal bool ShouldResume(RpcException exception, bool connected, int failures, CancellationToken cancellationToken) =>
        exception.StatusCode == StatusCode.Unavailable
        && (connected || !exception.IsConnectionFailure())
        && failures < MaxRetries
        && !cancellationToken.IsCancellationRequested;

    /// <summary>Tells <see cref="OnResume"/> of retry number <paramref name="failure"/> in a row, then waits before it.</summary>
    internal async Task WaitBeforeRetryAsync(ResumableKind kind, RpcException error, int failure, bool fromStart, CancellationToken cancellationToken)
    {
        var delay = DelayBefore(failure);
        if (OnResume is { } onResume)
        {
            await onResume(new ResumeNotice(kind, error, failure, MaxRetries, delay, fromStart));
        }

        await Task.Delay(delay, cancellationToken);
    }

    /// <summary>The wait before retry number <paramref name="failure"/> (from 1) in a row.</summary>
    public TimeSpan DelayBefore(int failure) =>
        TimeSpan.FromTicks(Math.Min(LongestDelay.Ticks, FirstDelay.Ticks << Math.Clamp(failure - 1, 0, 16)));
}

/// <summary>That a stream broke and will be resumed.</summary>
/// <param name="Kind">What broke.</param>
/// <param name="Error">How it broke.</param>
/// <param name="Retry">This retry's number in a row, from 1.</param>
/// <param name="MaxRetries">How many in a row are allowed.</param>
/// <param name="Delay">The wait before it.</param>
/// <param name="FromStart">True when nothing has been received yet, so it starts again from the beginning.</param>
public sealed record ResumeNotice(ResumableKind Kind, RpcException Error, int Retry, int MaxRetries, TimeSpan Delay, bool FromStart);
