using Grpc.Core;

namespace DocStream.Server.Grpc;

/// <summary>
/// A request stream whose read fails with <see cref="StatusCode.Cancelled"/> when the client resets the stream.
/// Kestrel fails the read with an <see cref="IOException"/> and may cancel the call's token only afterwards;
/// grpc-dotnet logs an exception other than an <see cref="RpcException"/> from a call not yet cancelled as a server
/// error, though nothing went wrong on the server.
/// </summary>
/// <typeparam name="T">The request message.</typeparam>
/// <param name="inner">The stream grpc-dotnet reads from the request body.</param>
public sealed class ResetAwareRequestStream<T>(IAsyncStreamReader<T> inner) : IAsyncStreamReader<T>
{
    /// <inheritdoc />
    public T Current => inner.Current;

    /// <inheritdoc />
    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        try
        {
            return await inner.MoveNext(cancellationToken);
        }
        catch (IOException ex)
        {
            throw new RpcException(new Status(StatusCode.Cancelled, "the client reset the request stream", ex));
        }
    }
}
