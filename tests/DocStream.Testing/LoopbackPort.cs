using System.Net;
using System.Net.Sockets;

namespace DocStream.Testing;

/// <summary>Ports on 127.0.0.1 for servers that tests and benchmarks start.</summary>
public static class LoopbackPort
{
    /// <summary>A port that was free a moment ago: the OS picks it, and it is released at once for the caller to bind.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
