using System.Net;
using System.Net.Sockets;

namespace DocStream.Cli.Tests.Support;

/// <summary>
/// A loopback TCP proxy in front of the server that cuts connections the way a flaky network does: it ends a
/// connection once it has carried a set number of bytes from the server to the client, a number chosen per
/// connection (the first, the second...).
/// </summary>
public sealed class DroppingProxy : IAsyncDisposable
{
    private static readonly TimeSpan SettleTime = TimeSpan.FromMilliseconds(500);
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly IPEndPoint _target;
    private readonly Func<int, long> _bytesBeforeDrop;
    private readonly Task _accepting;
    private int _connections;
    private int _dropped;

    private DroppingProxy(Uri target, Func<int, long> bytesBeforeDrop)
    {
        _target = new IPEndPoint(IPAddress.Parse(target.Host), target.Port);
        _bytesBeforeDrop = bytesBeforeDrop;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The proxy's address, for <c>--address</c>.</summary>
    public string Address => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>How many connections the proxy accepted.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>How many connections the proxy cut.</summary>
    public int Dropped => Volatile.Read(ref _dropped);

    /// <summary>Starts a proxy to the server at <paramref name="target"/> (a loopback http:// address).</summary>
    /// <param name="target">The server's address.</param>
    /// <param name="bytesBeforeDrop">
    /// For the connection of the given number (1 for the first), how many bytes from the server it carries before
    /// it is cut; <see cref="long.MaxValue"/> for one that is never cut.
    /// </param>
    public static DroppingProxy Start(string target, Func<int, long> bytesBeforeDrop) => new(new Uri(target), bytesBeforeDrop);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        var connections = new List<Task>();
        try
        {
            while (true)
            {
                var client = await _listener.AcceptSocketAsync(_stop.Token);
                var number = Interlocked.Increment(ref _connections);
                connections.Add(RelayAsync(client, _bytesBeforeDrop(number)));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException)
        {
            // Stopped.
        }

        await Task.WhenAll(connections);
    }

    private async Task RelayAsync(Socket client, long serverBytesAllowed)
    {
        using var server = new Socket(SocketType.Stream, ProtocolType.Tcp);
        using var clientSocket = client;
        using var done = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        try
        {
            await server.ConnectAsync(_target, done.Token);
            var upstream = PumpAsync(client, server, long.MaxValue, done.Token);
            var downstream = PumpAsync(server, client, serverBytesAllowed, done.Token);
            if (await Task.WhenAny(upstream, downstream) == downstream && await downstream)
            {
                Interlocked.Increment(ref _dropped);
                // A network that dies after delivering some data: the client first gets to read what came (its
                // HTTP/2 layer drops data it buffered but had not handed on when the connection fails), then the
                // connection ends mid-response with a FIN. A reset instead could make the client's kernel discard
                // bytes it had received but not yet read.
                await Task.Delay(SettleTime, done.Token);
                client.Shutdown(SocketShutdown.Send);
                await upstream.WaitAsync(TimeSpan.FromSeconds(10), done.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or IOException or TimeoutException)
        {
            // The other side went away, or the proxy is stopping.
        }
        finally
        {
            await done.CancelAsync();
        }
    }

    /// <summary>Copies from <paramref name="from"/> to <paramref name="to"/>; true when it stopped at the byte limit.</summary>
    private static async Task<bool> PumpAsync(Socket from, Socket to, long limit, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        long copied = 0;
        while (copied < limit)
        {
            var read = await from.ReceiveAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, limit - copied)), cancellationToken);
            if (read == 0)
            {
                return false;
            }

            await to.SendAsync(buffer.AsMemory(0, read), cancellationToken);
            copied += read;
        }

        return true;
    }
}
