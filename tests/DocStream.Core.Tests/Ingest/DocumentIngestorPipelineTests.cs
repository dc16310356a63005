using System.Text;
using DocStream.Core.Documents;
using DocStream.Core.Ingest;
using DocStream.Core.Storage;
using DocStream.Testing.Storage;

namespace DocStream.Core.Tests.Ingest;

/// <summary>
/// How an ingest stream overlaps its stages: the next batch is read and parsed while one is stored, a stored batch
/// is acknowledged while the followers apply it, and the followers catch up (make everything visible) once, before
/// the stream's end, also when a later batch fails.
/// </summary>
public sealed class DocumentIngestorPipelineTests
{
    // Long enough never to be reached when the pipeline works; it only turns a stage that waits for another into a failure.
    private static readonly TimeSpan Stuck = TimeSpan.FromSeconds(30);

    private readonly InMemoryDocumentStore _store = new();
    private readonly RecordingFollower _follower;
    private readonly GatedWriter _writer;
    private readonly DocumentIngestor _ingestor;

    public DocumentIngestorPipelineTests()
    {
        _follower = new RecordingFollower(_store.Reader);
        _writer = new GatedWriter(_store.Writer);
        _ingestor = new DocumentIngestor(new FollowedDocumentWriter(_writer, [_follower]), new DocumentPreparer(new IngestLimits()));
    }

    [Fact]
    public async Task IngestManyAsync_SeveralBatches_FollowersApplyWhileStoringAndCatchUpOnceWithEverythingStored()
    {
        var items = Items(DocumentIngestor.BatchSize * 2 + 3);

        await _ingestor.IngestManyAsync(items.ToAsyncEnumerable(), default).ToListAsync();

        // Rounds of applying coalesce when the store runs ahead, so there are between one and three of them.
        var calls = _follower.Calls;
        Assert.InRange(calls.Count - 1, 1, 3);
        Assert.All(calls.SkipLast(1), call => Assert.Equal("apply", call));
        Assert.Equal($"catch-up at {items.Length}", calls[^1]);
    }

    [Fact]
    public async Task IngestManyAsync_WhileABatchIsBeingStored_ReadsTheWholeNextBatch()
    {
        var nextBatchRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _writer.BeforeFirstAdd = nextBatchRead.Task;
        var items = Items(DocumentIngestor.BatchSize * 2 + 1);

        var outcomes = await _ingestor.IngestManyAsync(Signalling(items, (DocumentIngestor.BatchSize * 2) - 1, nextBatchRead), default).ToListAsync();

        Assert.Equal(items.Length, outcomes.Count(outcome => outcome.Stored!.Created));
    }

    [Fact]
    public async Task IngestBatchesAsync_AStoredBatch_IsAcknowledgedBeforeTheFollowersHaveAppliedIt()
    {
        var applied = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _follower.BeforeApply = applied.Task;
        var batches = _ingestor.IngestBatchesAsync(Items(DocumentIngestor.BatchSize + 1).ToAsyncEnumerable(), commitWhenInputWaits: false, default)
            .GetAsyncEnumerator();

        Assert.True(await batches.MoveNextAsync().AsTask().WaitAsync(Stuck));
        Assert.Equal(DocumentIngestor.BatchSize, batches.Current.Count);
        Assert.Empty(_follower.Calls);

        applied.SetResult();
        Assert.True(await batches.MoveNextAsync());
        Assert.False(await batches.MoveNextAsync());
        await batches.DisposeAsync();
        Assert.Equal(["apply", "apply", $"catch-up at {DocumentIngestor.BatchSize + 1}"], _follower.Calls);
    }

    [Fact]
    public async Task IngestManyAsync_AStoreFailsAfterAnEarlierBatchCommitted_FollowersStillCatchUpWithIt()
    {
        _writer.FailingAdd = 2;

        await Assert.ThrowsAsync<InvalidOperationException>(
            async () => await _ingestor.IngestManyAsync(Items(DocumentIngestor.BatchSize * 3).ToAsyncEnumerable(), default).ToListAsync());

        Assert.Equal(["apply", $"catch-up at {DocumentIngestor.BatchSize}"], _follower.Calls);
    }

    private static RawDocument[] Items(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new RawDocument(Encoding.UTF8.GetBytes($"خبر رقم {i}\n\nنص الخبر {i}"), $"item-{i}.txt"))];

    /// <summary>Yields <paramref name="items"/>, and completes <paramref name="reached"/> once the item at <paramref name="at"/> is taken.</summary>
    private static async IAsyncEnumerable<RawDocument> Signalling(RawDocument[] items, int at, TaskCompletionSource reached)
    {
        for (var i = 0; i < items.Length; i++)
        {
            await Task.Yield();
            if (i == at)
            {
                reached.TrySetResult();
            }

            yield return items[i];
        }
    }

    /// <summary>A store's writer whose first add can wait for a signal, and whose Nth add can fail.</summary>
    private sealed class GatedWriter(IDocumentWriter inner) : IDocumentWriter
    {
        private int _adds;

        public Task BeforeFirstAdd { get; set; } = Task.CompletedTask;

        public int FailingAdd { get; set; }

        public async Task<IReadOnlyList<AddResult>> AddAsync(IReadOnlyList<NewDocument> documents, CancellationToken cancellationToken)
        {
            var add = Interlocked.Increment(ref _adds);
            if (add == 1)
            {
                await BeforeFirstAdd.WaitAsync(Stuck, cancellationToken);
            }

            return add == FailingAdd ? throw new InvalidOperationException("The store failed.") : await inner.AddAsync(documents, cancellationToken);
        }

        public Task<int> ReplaceParsedAsync(IReadOnlyList<ParsedReplacement> replacements, int parserVersion, CancellationToken cancellationToken) =>
            inner.ReplaceParsedAsync(replacements, parserVersion, cancellationToken);

        public Task<DeleteOutcome> DeleteAsync(string id, string? expectedEtag, CancellationToken cancellationToken) =>
            inner.DeleteAsync(id, expectedEtag, cancellationToken);

        public Task<GroupingPage> GroupAsync(GroupingQuery query, CancellationToken cancellationToken) => inner.GroupAsync(query, cancellationToken);

        public Task ForgetStoriesAsync(CancellationToken cancellationToken) => inner.ForgetStoriesAsync(cancellationToken);
    }

    /// <summary>A follower that records its calls, each catch-up with the number of documents stored when it ran.</summary>
    private sealed class RecordingFollower(IDocumentReader reader) : IChangeFeedFollower
    {
        private readonly Lock _gate = new();
        private readonly List<string> _calls = [];

        public Task BeforeApply { get; set; } = Task.CompletedTask;

        public IReadOnlyList<string> Calls
        {
            get
            {
                lock (_gate)
                {
                    return [.. _calls];
                }
            }
        }

        public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task ApplyAsync(CancellationToken cancellationToken)
        {
            await BeforeApply.WaitAsync(Stuck, cancellationToken);
            Record("apply");
        }

        public async Task CatchUpAsync(CancellationToken cancellationToken) => Record($"catch-up at {await reader.CountAsync(cancellationToken)}");

        private void Record(string call)
        {
            lock (_gate)
            {
                _calls.Add(call);
            }
        }
    }
}
