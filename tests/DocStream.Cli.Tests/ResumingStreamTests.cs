using DocStream.Cli.Streaming;
using Grpc.Core;

namespace DocStream.Cli.Tests;

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
        var log = new StringWriter();
        var watch = new ResumingStream<string, string>(calls.Start, calls.Read, token => token, ResumableKind.Watch, maxRetries: 3, log);

        var items = await watch.ReadAsync("t0", CancellationToken.None).Take(3).ToListAsync();

        Assert.Equal(["t1", "t2", "t3"], items);
        Assert.Equal(["t0", "t2"], calls.ResumeTokens);
        Assert.Equal(
            "docstream: the watch broke (UNAVAILABLE: the server ended the watch); resuming from the last resume token in 0.5 s (retry 1 of 3)",
            log.ToString().Trim());
    }

    [Fact]
    public async Task Watch_StreamKeepsEndingWithoutItems_FailsAsUnavailableOnceRetriesRunOut()
    {
        var calls = new ScriptedCalls([[], ["t1"], []]);
        var watch = new ResumingStream<string, string>(calls.Start, calls.Read, token => token, ResumableKind.Watch, maxRetries: 1, new StringWriter());
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
        var log = new StringWriter();
        var stream = new ResumingStream<string, string>(calls.Start, calls.Read, token => token, ResumableKind.Stream, maxRetries: 3, log);

        var items = await stream.ReadAsync("", CancellationToken.None).ToListAsync();

        Assert.Equal(["t1", "t2"], items);
        Assert.Equal([""], calls.ResumeTokens);
        Assert.Empty(log.ToString());
    }

    /// <summary>Calls that each yield the next script's items and end; the resume token each was started with.</summary>
    private sealed class ScriptedCalls(string[][] scripts)
    {
        private int _started;

        public List<string> ResumeTokens { get; } = [];

        public AsyncServerStreamingCall<string> Start(string resumeToken, CancellationToken cancellationToken)
        {
            ResumeTokens.Add(resumeToken);
            var script = scripts[_started++];
            return new AsyncServerStreamingCall<string>(
                new ScriptReader(script), Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => [], () => { });
        }

        public IAsyncEnumerable<string> Read(IAsyncStreamReader<string> responses, CancellationToken cancellationToken) => responses.ReadAllAsync(cancellationToken);
    }

    private sealed class ScriptReader(string[] items) : IAsyncStreamReader<string>
    {
        private int _next;

        public string Current => items[_next - 1];

        public Task<bool> MoveNext(CancellationToken cancellationToken) => Task.FromResult(++_next <= items.Length);
    }
}
