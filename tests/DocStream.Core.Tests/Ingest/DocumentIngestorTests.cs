using System.Text;
using DocStream.Core.Ingest;
using DocStream.Core.Storage;
using DocStream.Testing.Storage;

namespace DocStream.Core.Tests.Ingest;

public class DocumentIngestorTests
{
    private readonly InMemoryDocumentStore _store = new();
    private readonly RecordingWriter _writer;
    private readonly DocumentIngestor _ingestor;

    public DocumentIngestorTests()
    {
        _writer = new RecordingWriter(_store.Writer);
        _ingestor = new DocumentIngestor(new FollowedDocumentWriter(_writer, []), new DocumentPreparer(new IngestLimits { MaxDocumentBytes = 1024 * 1024 }));
    }

    [Fact]
    public async Task IngestManyAsync_MoreThanABatch_StoresInBatchesOfTheBatchSize()
    {
        var items = Enumerable.Range(0, DocumentIngestor.BatchSize * 2 + 3).Select(i => Item($"خبر {i}")).ToArray();

        var outcomes = await _ingestor.IngestManyAsync(items.ToAsyncEnumerable(), default).ToListAsync();

        Assert.Equal([DocumentIngestor.BatchSize, DocumentIngestor.BatchSize, 3], _writer.AddBatches);
        Assert.Equal(Enumerable.Range(0, items.Length), outcomes.Select(o => o.Index));
        Assert.All(outcomes, o => Assert.True(o.Stored!.Created));
        Assert.Equal(items.Length, await _store.Reader.CountAsync(default));
    }

    [Fact]
    public async Task IngestBatchesAsync_InputThatPauses_CommitsWhatItHoldsBeforeWaiting()
    {
        var pauses = new PausingInput([Item("أول"), Item("ثان"), Item("ثالث")], pauseAfter: 2);

        var batches = new List<IReadOnlyList<IngestOutcome>>();
        await foreach (var batch in _ingestor.IngestBatchesAsync(pauses.ReadAsync(), commitWhenInputWaits: true, default))
        {
            batches.Add(batch);
            pauses.Resume();
        }

        Assert.Equal([[0, 1], [2]], batches.Select(batch => batch.Select(o => o.Index).ToArray()));
        Assert.Equal([2, 1], _writer.AddBatches);
    }

    [Fact]
    public async Task IngestBatchesAsync_InputThatPausesRightAfterAFullBatch_AcknowledgesThatBatchAndWhatFollowsBeforeWaiting()
    {
        var items = Enumerable.Range(0, DocumentIngestor.BatchSize + 3).Select(i => Item($"خبر {i}")).ToArray();
        var pauses = new PausingInput(items, pauseAfter: DocumentIngestor.BatchSize + 1);

        var batches = new List<IReadOnlyList<IngestOutcome>>();
        await foreach (var batch in _ingestor.IngestBatchesAsync(pauses.ReadAsync(), commitWhenInputWaits: true, default))
        {
            batches.Add(batch);
            if (batches.Count == 2)
            {
                pauses.Resume();
            }
        }

        Assert.Equal([DocumentIngestor.BatchSize, 1, 2], batches.Select(batch => batch.Count));
        Assert.Equal(Enumerable.Range(0, items.Length), batches.SelectMany(batch => batch).Select(outcome => outcome.Index));
    }

    [Fact]
    public async Task IngestBatchesAsync_InputThatNeverWaits_StillFillsWholeBatches()
    {
        var items = Enumerable.Range(0, DocumentIngestor.BatchSize + 1).Select(i => Item($"خبر {i}")).ToArray();

        var batches = await _ingestor.IngestBatchesAsync(items.ToAsyncEnumerable(), commitWhenInputWaits: true, default).ToListAsync();

        Assert.Equal([DocumentIngestor.BatchSize, 1], batches.Select(batch => batch.Count));
    }

    [Fact]
    public async Task IngestManyAsync_LargeItems_StoresOnceTheBatchHoldsTheBatchBytes()
    {
        var large = new string('ن', 300 * 1024);
        var items = Enumerable.Range(0, 30).Select(i => Item($"خبر {i}\n\n{large}")).ToArray();
        var perItem = items[0].Content.Length;

        await _ingestor.IngestManyAsync(items.ToAsyncEnumerable(), default).ToListAsync();

        var perBatch = (int)Math.Ceiling((double)DocumentIngestor.BatchBytes / perItem);
        Assert.Equal(perBatch, _writer.AddBatches[0]);
        Assert.Equal(items.Length, _writer.AddBatches.Sum());
    }

    [Fact]
    public async Task IngestManyAsync_BadItemsAmongGoodOnes_ReportsEachInItsPlaceAndStoresTheRest()
    {
        RawDocument[] items = [Item("أول"), new RawDocument([], "empty.txt"), Item("ثان"), new RawDocument([0xC3], "bad.txt"), Item("أول")];

        var outcomes = await _ingestor.IngestManyAsync(items.ToAsyncEnumerable(), default).ToListAsync();

        Assert.Equal([0, 1, 2, 3, 4], outcomes.Select(o => o.Index));
        Assert.Equal(["أول.txt", "empty.txt", "ثان.txt", "bad.txt", "أول.txt"], outcomes.Select(o => o.SourceUri));
        Assert.Equal([true, false, true, false, true], outcomes.Select(o => o.Stored is not null));
        Assert.Equal("DOCUMENT_EMPTY", outcomes[1].Error!.Reason);
        Assert.Equal("DOCUMENT_NOT_UTF8", outcomes[3].Error!.Reason);
        Assert.True(outcomes[0].Stored!.Created);
        Assert.False(outcomes[4].Stored!.Created);
        Assert.Equal(outcomes[0].Stored!.Document.Id, outcomes[4].Stored!.Document.Id);
        Assert.Equal([3], _writer.AddBatches);
    }

    [Fact]
    public async Task IngestManyAsync_OnlyBadItems_StoresNothing()
    {
        var outcomes = await _ingestor.IngestManyAsync(new[] { new RawDocument([], "a") }.ToAsyncEnumerable(), default).ToListAsync();

        Assert.NotNull(Assert.Single(outcomes).Error);
        Assert.Empty(_writer.AddBatches);
    }

    [Fact]
    public async Task IngestAsync_SameBytesTwice_CreatesOnce()
    {
        var item = Item("خبر");

        var first = await _ingestor.IngestAsync(item.Content, item.SourceUri, default);
        var second = await _ingestor.IngestAsync(item.Content, "other.txt", default);

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(first.Document.Etag, second.Document.Etag);
    }

    private static RawDocument Item(string text) => new(Encoding.UTF8.GetBytes(text + "\n\nنص الخبر"), text.Split('\n')[0] + ".txt");

    /// <summary>An input that has its first items ready at once, then waits until it is told to go on.</summary>
    private sealed class PausingInput(RawDocument[] items, int pauseAfter)
    {
        private readonly TaskCompletionSource _resumed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Resume() => _resumed.TrySetResult();

        public async IAsyncEnumerable<RawDocument> ReadAsync()
        {
            for (var i = 0; i < items.Length; i++)
            {
                if (i == pauseAfter)
                {
                    await _resumed.Task;
                }

                yield return items[i];
            }
        }
    }
}
