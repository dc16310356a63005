using System.Net.Sockets;
using Grpc.Core;

namespace DocStream.Client;

/// <summary>What a failed call's <see cref="RpcException"/> says beyond its status.</summary>
public static class RpcExceptionExtensions
{
    /// <summary>
    /// True when the call failed because no connection to the server could be made at all (refused, unresolvable), as
    /// opposed to a connection lost on the way or an answer from the server.
    /// </summary>
    public static bool IsConnectionFailure(this RpcException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception.StatusCode != StatusCode.Unavailable)
        {
            return false;
        }

        for (var inner = exception.Status.DebugException; inner is not null; inner = inner.InnerException)
        {
            if (inner is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } or SocketException)
            {
                return true;
            }
        }

        return false;
    }
}
