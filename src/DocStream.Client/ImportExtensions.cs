using System.Runtime.CompilerServices;
using DocStream.Contracts.V1;
using Grpc.Core;

namespace DocStream.Client;

/// <summary>Imports through ImportDocumentBatches, resuming after the last acknowledged item when the call breaks.</summary>
public static class ImportExtensions
{
    /// <summary>
    /// Sends the items through ImportDocumentBatches and yields each item's result as soon as the server has
    /// committed it (<see cref="ImportResult.Index"/> counts from the first item across calls). When the call breaks
    /// in transit (UNAVAILABLE: a lost connection, a server draining with <c>SERVER_SHUTTING_DOWN</c> or restarting),
    /// opens a new call and sends again only the items after the last acknowledged one; an item sent twice is stored
    /// once, since creates are idempotent. <paramref name="itemsFrom"/> gives the items from a (0-based) position on:
    /// the same items in the same order each time. <paramref name="options"/> (default: 5 retries in a row, 0.5 s
    /// doubling to 10 s) says how long to keep trying before the error is thrown.
    /// </summary>
    /// <exception cref="RpcException">The import failed for good: not a call broken in transit, too many failures in a row, or a server that could not be reached at all. Every result yielded before it is stored.</exception>
    public static async IAsyncEnumerable<ImportResult> ImportResumingAsync(
        this DocumentService.DocumentServiceClient client,
        Func<int, CancellationToken, IAsyncEnumerable<ImportDocumentBatchesRequest>> itemsFrom,
        ResumeOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(itemsFrom);
        options ??= new ResumeOptions();
        var acknowledged = 0;
        var failures = 0;
        var connected = false;
        while (true)
        {
            var offset = acknowledged;
            using var callCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var call = client.ImportDocumentBatches(cancellationToken: callCancellation.Token);
            var sending = SendAsync(call.RequestStream, itemsFrom(offset, callCancellation.Token), callCancellation);
            var responses = call.ResponseStream;
            while (true)
            {
                try
                {
                    if (!await responses.MoveNext(cancellationToken))
                    {
                        await sending;
                        yield break;
                    }
                }
                catch (RpcException ex) when (options.ShouldResume(ex, connected, failures, cancellationToken))
                {
                    await callCancellation.CancelAsync();
                    await SentAsync(sending);
                    connected = true;
                    failures++;
                    await options.WaitBeforeRetryAsync(ResumableKind.Import, ex, failures, fromStart: acknowledged == 0, cancellationToken);
                    break;
                }
                catch (RpcException)
                {
                    // The send failing for its own reason (an item that cannot be read) cancels the call: its error is the one to throw.
                    await callCancellation.CancelAsync();
                    await SentAsync(sending);
                    throw;
                }

                failures = 0;
                connected = true;
                foreach (var result in responses.Current.Results)
                {
                    var numbered = result.Clone();
                    numbered.Index += offset;
                    acknowledged = numbered.Index + 1;
                    yield return numbered;
                }
            }
        }
    }

    /// <summary>
    /// Writes every item, then ends the input. A write that fails means the call has ended, which its responses
    /// report; an item that cannot be produced cancels the call and is thrown.
    /// </summary>
    private static async Task SendAsync(
        IClientStreamWriter<ImportDocumentBatchesRequest> requests, IAsyncEnumerable<ImportDocumentBatchesRequest> items, CancellationTokenSource callCancellation)
    {
        await using var next = items.GetAsyncEnumerator(callCancellation.Token);
        while (true)
        {
            try
            {
                if (!await next.MoveNextAsync())
                {
                    break;
                }
            }
            catch (OperationCanceledException) when (callCancellation.IsCancellationRequested)
            {
                return;
            }
            catch
            {
                await callCancellation.CancelAsync();
                throw;
            }

            try
            {
                await requests.WriteAsync(next.Current, callCancellation.Token);
            }
            catch (Exception ex) when (ex is RpcException or InvalidOperationException or OperationCanceledException or IOException)
            {
                // The call has ended (a write on a cut connection throws the transport's IOException); its responses say how.
                return;
            }
        }

        try
        {
            await requests.CompleteAsync();
        }
        catch (Exception ex) when (ex is RpcException or InvalidOperationException or IOException)
        {
            // The call has already ended; its responses say how.
        }
    }

    /// <summary>Waits for the sending of a call that has ended; throws only what the items themselves threw.</summary>
    private static async Task SentAsync(Task sending)
    {
        try
        {
            await sending;
        }
        catch (OperationCanceledException)
        {
            // Cancelled with the call.
        }
    }
}
