using System.Runtime.CompilerServices;
using DocStream.Cli.Output;
using DocStream.Contracts.V1;
using Grpc.Core;

namespace DocStream.Cli.Streaming;

/// <summary>
/// Reads a StreamDocuments stream and, when the connection drops, opens it again from the last resume token it
/// saw, so that the caller gets every document once, in order. Gives up after <c>maxRetries</c> failures in
/// a row (a document received resets the count), waiting longer before each retry. A server that cannot be reached
/// at all on the first attempt is reported at once: there is no stream to resume.
/// </summary>
/// <param name="open">Opens the stream after the given resume token (empty for the start) and yields its documents.</param>
/// <param name="maxRetries">How many times in a row to reopen a dropped stream.</param>
/// <param name="log">Where to say that the stream is being resumed.</param>
internal sealed class ResumingDocumentStream(
    Func<string, CancellationToken, IAsyncEnumerable<(Document Document, string ResumeToken)>> open,
    int maxRetries,
    TextWriter log)
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromSeconds(10);

    /// <summary>The token that covers the last document yielded; the one to resume from.</summary>
    public string ResumeToken { get; private set; } = "";

    /// <summary>Yields each document after <paramref name="resumeToken"/> with the token that covers it.</summary>
    /// <exception cref="RpcException">The call failed for good: not a dropped connection, or too many in a row.</exception>
    public async IAsyncEnumerable<(Document Document, string ResumeToken)> ReadAsync(
        string resumeToken, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ResumeToken = resumeToken;
        var failures = 0;
        var connected = false;
        while (true)
        {
            await using var documents = open(ResumeToken, cancellationToken).GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                try
                {
                    if (!await documents.MoveNextAsync())
                    {
                        yield break;
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
                        $"docstream: the stream broke ({ErrorReport.StatusName(ex.StatusCode)}: {ex.Status.Detail}); resuming {from} in {delay.TotalSeconds:0.#} s (retry {failures} of {maxRetries})");
                    await Task.Delay(delay, cancellationToken);
                    break;
                }

                failures = 0;
                connected = true;
                ResumeToken = documents.Current.ResumeToken;
                yield return documents.Current;
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
