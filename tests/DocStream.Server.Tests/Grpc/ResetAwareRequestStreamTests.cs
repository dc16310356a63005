using DocStream.Server.Grpc;
using Grpc.Core;

namespace DocStream.Server.Tests.Grpc;

public class ResetAwareRequestStreamTests
{
    [Fact]
    public async Task MoveNext_ClientResetTheStream_IsCancelled()
    {
        var stream = new ResetAwareRequestStream<int>(new FailingReader(new IOException("The client reset the request stream.")));

        var error = await Assert.ThrowsAsync<RpcException>(() => stream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.IsType<IOException>(error.Status.DebugException);
    }

    [Fact]
    public async Task MoveNext_OtherFailures_PassThroughUnchanged()
    {
        var malformed = new RpcException(new Status(StatusCode.InvalidArgument, "malformed"));
        var stream = new ResetAwareRequestStream<int>(new FailingReader(malformed));

        Assert.Same(malformed, await Assert.ThrowsAsync<RpcException>(() => stream.MoveNext(CancellationToken.None)));
    }

    private sealed class FailingReader(Exception failure) : IAsyncStreamReader<int>
    {
        public int Current => throw new InvalidOperationException("nothing was read");

        public Task<bool> MoveNext(CancellationToken cancellationToken) => Task.FromException<bool>(failure);
    }
}
