using DocStream.Client;
using Grpc.Core;

namespace DocStream.Clients.Tests;

/// <summary>
/// <see cref="ResumingStream{TResponse, TItem}"/> over scripted calls, for what no real server does: end a watch.
/// Each item is its own resume token.
/// </summary>
public sealed class ResumingStreamTests
{
    [Fact]
    public async Task Watch_StreamEndsCleanly_IsReopenedFromTheLastTokenAndSaysSo()
    {
        var calls = new ScriptedCalls([["t1", "t2"], ["t3"]]);
        var notices = new List<ResumeNotice>();
        var watch = new ResumingStream<string, string>(calls.Start, calls.Read, token => token, ResumableKind.Watch, Recording(notices, maxRetries: 3));

        var items = await watch.ReadAsync("t0", CancellationToken.None).Take(3).ToListAsync();

        Assert.Equal(["t1", "t2", "t3"], items);
        Assert.Equal(["t0", "t2"], calls.ResumeTokens);
        var notice = Assert.Single(notices);
        Assert.Equal((ResumableKind.Watch, StatusCode.Unavailable, "the server ended the watch", 1, 3, false), (notice.Kind, notice.Error.StatusCode, notice.Error.Status.Detail, notice.Retry, notice.MaxRetries, notice.FromStart));
        Assert.Equal(TimeSpan.FromMilliseconds(1), notice.Delay);
    }

    [Fact]
    public async Task Watch_StreamKeepsEndingWithoutItems_FailsAsUnavailableOnceRetriesRunOut()
    {
        var calls = new ScriptedCalls([[], ["t1"], []]);
        var watch = new ResumingStream<string, string>(calls.Start, calls.Read, token => token, ResumableKind.Watch, Recording([], maxRetries: 1));
        var items = new List<string>();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var item in watch.ReadAsync("", CancellationToken.None))
            {
                items.Add(item);
            }
        });

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal("the server ended the watch", error.Status.Detail);
        // One retry: the first empty call was retried; the item of the second reset the count, so its end was retried
        // too; the third, empty again, was one failure too many.
        Assert.Equal(["", "", "t1"], calls.ResumeTokens);
        Assert.Equal(["t1"], items);
        Assert.True(watch.ReceivedAny);
    }

    [Fact]
    public async Task Stream_StreamEndsCleanly_IsComplete()
    {
        var calls = new ScriptedCalls([["t1", "t2"]]);
        var notices = new List<ResumeNotice>();
        var stream = new ResumingStream<string, string>(calls.Start, calls.Read, token => token, ResumableKind.Stream, Recording(notices, maxRetries: 3));

        var items = await stream.ReadAsync("", CancellationToken.None).ToListAsync();

        Assert.Equal(["t1", "t2"], items);
        Assert.Equal([""], calls.ResumeTokens);
        Assert.Empty(notices);
    }

    [Fact]
    public async Task Stream_RefusedByTheServer_IsThrownWithoutRetry()
    {
        var calls = new ScriptedCalls([["t1"]], failWith: new RpcException(new Status(StatusCode.InvalidArgument, "bad filter")));
        var notices = new List<ResumeNotice>();
        var stream = new ResumingStream<string, string>(calls.Start, calls.Read, token => token, ResumableKind.Stream, Recording(notices, maxRetries: 3));

        var error = await Assert.ThrowsAsync<RpcException>(async () => await stream.ReadAsync("", CancellationToken.None).ToListAsync());

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Empty(notices);
        Assert.Single(calls.ResumeTokens);
    }

    [Theory]
    [InlineData(1, 500)]
    [InlineData(2, 1000)]
    [InlineData(5, 8000)]
    [InlineData(6, 10000)]
    [InlineData(1000, 10000)]
    public void DelayBefore_DoublesUpToTheLongest(int failure, int expectedMilliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), new ResumeOptions().DelayBefore(failure));
    }

    /// <summary>Retries with a 1 ms first delay, each notice recorded.</summary>
    private static ResumeOptions Recording(List<ResumeNotice> notices, int maxRetries) => new()
    {
        MaxRetries = maxRetries,
        FirstDelay = TimeSpan.FromMilliseconds(1),
        OnResume = notice =>
        {
            notices.Add(notice);
            return ValueTask.CompletedTask;
        },
    };

    /// <summary>Calls that each yield the next script's items and end; the resume token each was started with.</summary>
    /// <summary>With <paramref name="failWith"/>, each call throws it after its items instead of ending.</summary>
    private sealed class ScriptedCalls(string[][] scripts, RpcException? failWith = null)
    {
        private int _started;

        public List<string> ResumeTokens { get; } = [];

        public AsyncServerStreamingCall<string> Start(string resumeToken, CancellationToken cancellationToken)
        {
            ResumeTokens.Add(resumeToken);
            var script = scripts[_started++];
            return new AsyncServerStreamingCall<string>(
                new ScriptReader(script, failWith), Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => [], () => { });
        }

        public IAsyncEnumerable<string> Read(IAsyncStreamReader<string> responses, CancellationToken cancellationToken) => responses.ReadAllAsync(cancellationToken);
    }

    private sealed class ScriptReader(string[] items, RpcException? failWith) : IAsyncStreamReader<string>
    {
        private int _next;

        public string Current => items[_next - 1];

        public Task<bool> MoveNext(CancellationToken cancellationToken) =>
            ++_next <= items.Length ? Task.FromResult(true) : failWith is null ? Task.FromResult(false) : Task.FromException<bool>(failWith);
    }
}
