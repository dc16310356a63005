using System.Threading.Channels;
using DocStream.Contracts.V1;
using Grpc.Core;

namespace DocStream.Testing;

/// <summary>
/// A WatchDocuments call read in the background, so a test can wait for its next message with a timeout (a watch
/// never ends by itself). Disposing it cancels the call.
/// </summary>
public sealed class WatchSession : IDisposable
{
    /// <summary>How long a test waits for a message that should come.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _cancel = new();
    private readonly AsyncServerStreamingCall<WatchDocumentsResponse> _call;
    private readonly Channel<WatchDocumentsResponse> _messages = Channel.CreateUnbounded<WatchDocumentsResponse>();
    private readonly Task _reading;

    private WatchSession(DocumentService.DocumentServiceClient client, WatchDocumentsRequest request)
    {
        _call = client.WatchDocuments(request, cancellationToken: _cancel.Token);
        _reading = Task.Run(ReadAsync);
    }

    /// <summary>Opens a watch.</summary>
    public static WatchSession Open(DocumentService.DocumentServiceClient client, WatchDocumentsRequest request) => new(client, request);

    /// <summary>The next message; throws when none comes within <paramref name="timeout"/> (default <see cref="Patience"/>) or the call failed.</summary>
    public async Task<WatchDocumentsResponse> NextAsync(TimeSpan? timeout = null)
    {
        using var wait = new CancellationTokenSource(timeout ?? Patience);
        try
        {
            return await _messages.Reader.ReadAsync(wait.Token);
        }
        catch (ChannelClosedException closed) when (closed.InnerException is { } failure)
        {
            throw failure;
        }
    }

    /// <summary>The messages up to and including the first that <paramref name="last"/> accepts.</summary>
    public async Task<List<WatchDocumentsResponse>> UntilAsync(Func<WatchDocumentsResponse, bool> last)
    {
        var messages = new List<WatchDocumentsResponse>();
        while (true)
        {
            var message = await NextAsync();
            messages.Add(message);
            if (last(message))
            {
                return messages;
            }
        }
    }

    /// <summary>True when no message comes within <paramref name="quiet"/>.</summary>
    public async Task<bool> IsQuietAsync(TimeSpan quiet)
    {
        using var wait = new CancellationTokenSource(quiet);
        try
        {
            await _messages.Reader.WaitToReadAsync(wait.Token);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _cancel.Cancel();
        _reading.Wait(TimeSpan.FromSeconds(10));
        _call.Dispose();
        _cancel.Dispose();
    }

    private async Task ReadAsync()
    {
        try
        {
            await foreach (var message in _call.ResponseStream.ReadAllAsync(_cancel.Token))
            {
                await _messages.Writer.WriteAsync(message);
            }

            _messages.Writer.Complete(new InvalidOperationException("The watch ended."));
        }
        catch (Exception ex)
        {
            _messages.Writer.Complete(ex);
        }
    }
}
