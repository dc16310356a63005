using System.Runtime.CompilerServices;
using DocStream.Core.Documents;
using DocStream.Core.Storage;

namespace DocStream.Core.Ingest;

/// <summary>
/// Validates, parses and stores raw documents, one at a time or as a stream written in batches. Ingest is
/// idempotent: the same bytes give the same document. A stream is pipelined across cores: its items are parsed on
/// the thread pool as they arrive, each batch is stored while the next one is read and parsed, and the followers
/// (the search index) apply each stored batch while the next one is stored.
/// </summary>
/// <param name="writer">Where documents go, and the followers that catch up with them.</param>
/// <param name="preparer">Validates and parses.</param>
public sealed class DocumentIngestor(FollowedDocumentWriter writer, DocumentPreparer preparer)
{
    /// <summary>Most documents stored in one transaction by <see cref="IngestManyAsync"/>.</summary>
    public const int BatchSize = 256;

    /// <summary>Raw bytes after which <see cref="IngestManyAsync"/> stores what it holds, even short of <see cref="BatchSize"/>.</summary>
    public const long BatchBytes = 16L * 1024 * 1024;

    /// <summary>Stores <paramref name="content"/> unless the same bytes are already stored.</summary>
    /// <returns>The stored document and whether this call created it.</returns>
    /// <exception cref="InvalidDocumentException">The content is empty, too large or not UTF-8; nothing was stored.</exception>
    public async Task<AddResult> IngestAsync(byte[] content, string sourceUri, CancellationToken cancellationToken)
    {
        var document = preparer.Prepare(content, sourceUri);
        return (await writer.AddAsync([document], cancellationToken))[0];
    }

    /// <summary>
    /// Ingests every item of <paramref name="items"/>, storing the valid ones in batches of up to
    /// <see cref="BatchSize"/> documents or <see cref="BatchBytes"/> bytes, one transaction each. Yields one outcome
    /// per item, in item order, once the batch holding it is stored; an invalid item is reported in its outcome and
    /// does not stop the others. Every stored document is visible to the followers (searchable) when the
    /// enumeration ends.
    /// </summary>
    public async IAsyncEnumerable<IngestOutcome> IngestManyAsync(
        IAsyncEnumerable<RawDocument> items, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var batch in IngestBatchesAsync(items, commitWhenInputWaits: false, cancellationToken))
        {
            foreach (var outcome in batch)
            {
                yield return outcome;
            }
        }
    }

    /// <summary>
    /// Ingests as <see cref="IngestManyAsync"/> does, yielding the outcomes of each batch once its transaction has
    /// committed. With <paramref name="commitWhenInputWaits"/>, a batch is also committed whenever the next item is
    /// not there yet, so that a client that pauses learns what is durable without waiting for a full batch; a
    /// client that keeps the input full still gets full batches. At most two batches are held at once: one being
    /// read and one being stored; the followers apply from the store.
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyList<IngestOutcome>> IngestBatchesAsync(
        IAsyncEnumerable<RawDocument> items, bool commitWhenInputWaits, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var batch = new Batch();
        var index = 0;
        var stages = new StoreStages(writer);
        void StartStoring()
        {
            stages.StartStoring(batch, cancellationToken);
            batch = new Batch();
        }

        var input = items.GetAsyncEnumerator(cancellationToken);
        var reading = false;
        try
        {
            while (true)
            {
                var next = input.MoveNextAsync();
                reading = true;
                if (commitWhenInputWaits && !next.IsCompleted)
                {
                    // The client waits for an acknowledgement: store what is held now, the batch in flight first.
                    if (stages.Storing)
                    {
                        yield return await stages.FinishStoringAsync();
                    }

                    if (batch.HasItems)
                    {
                        StartStoring();
                        yield return await stages.FinishStoringAsync();
                    }
                }

                var more = await next;
                reading = false;
                if (!more)
                {
                    break;
                }

                var item = input.Current;
                batch.Add(index++, item, preparer);
                if (batch.Count >= BatchSize || batch.Bytes >= BatchBytes)
                {
                    if (stages.Storing)
                    {
                        yield return await stages.FinishStoringAsync();
                    }

                    StartStoring();
                }
            }

            if (stages.Storing)
            {
                yield return await stages.FinishStoringAsync();
            }

            if (batch.HasItems)
            {
                StartStoring();
                yield return await stages.FinishStoringAsync();
            }

            await stages.CatchUpAsync();
        }
        finally
        {
            // A batch committed but not yet applied still reaches the followers, whatever became of the call.
            await stages.SettleAsync();

            // An input still being read (a store failed while the client paused) cannot be disposed; the call's end frees it.
            if (!reading)
            {
                await input.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// The stages after reading: at most one batch being stored, on the thread pool, so that it overlaps the reading
    /// and parsing of the next; and the followers applying whatever has been stored, also on the thread pool. The
    /// followers read what they apply from the store, not from the batches, so they may fall behind the store by any
    /// number of batches without holding any in memory: each round applies what was committed when it began.
    /// </summary>
    private sealed class StoreStages(FollowedDocumentWriter writer)
    {
        private readonly Lock _gate = new();
        private Task<IngestOutcome[]>? _storing;
        private Task _applying = Task.CompletedTask;
        private bool _applyRunning;
        private bool _applyAgain;
        private bool _unapplied;

        public bool Storing => _storing is not null;

        public void StartStoring(Batch batch, CancellationToken cancellationToken) =>
            _storing = Task.Run(() => batch.StoreAsync(writer, cancellationToken), cancellationToken);

        /// <summary>Waits for the batch being stored, then has the followers apply it, now or once their current round ends.</summary>
        public async Task<IngestOutcome[]> FinishStoringAsync()
        {
            var storing = _storing!;
            _storing = null;
            var outcomes = await storing;
            if (_applying.IsFaulted)
            {
                await _applying;
            }

            if (CreatedAny(outcomes))
            {
                _unapplied = true;
                RequestApply();
            }

            return outcomes;
        }

        /// <summary>Waits for the followers' last round, and has them catch up with every batch and make them visible.</summary>
        public async Task CatchUpAsync()
        {
            await _applying;
            if (_unapplied)
            {
                _unapplied = false;
                await writer.CatchUpAsync();
            }
        }

        /// <summary>After a failure: lets the stages in flight end, and catches the followers up with what they committed.</summary>
        public async Task SettleAsync()
        {
            if (_storing is { } storing)
            {
                _storing = null;
                if (await Succeeded(storing) && CreatedAny(storing.Result))
                {
                    _unapplied = true;
                }
            }

            await Succeeded(_applying);
            if (_unapplied)
            {
                _unapplied = false;
                await Succeeded(writer.CatchUpAsync());
            }
        }

        private static bool CreatedAny(IngestOutcome[] outcomes) => outcomes.Any(outcome => outcome.Stored?.Created == true);

        // The failure that ended the call is the one to report; a follower that failed here catches up at the next write or search.
        private static async Task<bool> Succeeded(Task task)
        {
            await task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return task.IsCompletedSuccessfully;
        }

        private void RequestApply()
        {
            lock (_gate)
            {
                if (_applyRunning)
                {
                    _applyAgain = true;
                    return;
                }

                // A failed round stays in _applying, so that the next wait on it reports the failure.
                if (_applying.IsFaulted)
                {
                    return;
                }

                _applyRunning = true;
                _applying = Task.Run(ApplyRoundsAsync, CancellationToken.None);
            }
        }

        private async Task ApplyRoundsAsync()
        {
            while (true)
            {
                try
                {
                    await writer.ApplyAsync();
                }
                catch
                {
                    lock (_gate)
                    {
                        _applyRunning = false;
                        _applyAgain = false;
                    }

                    throw;
                }

                lock (_gate)
                {
                    if (!_applyAgain)
                    {
                        _applyRunning = false;
                        return;
                    }

                    _applyAgain = false;
                }
            }
        }
    }

    /// <summary>The items read since the last store, in order, each parsed on the thread pool as it arrives.</summary>
    private sealed class Batch
    {
        private readonly List<(int Index, string SourceUri, Task<NewDocument> Prepared)> _items = [];

        public int Count => _items.Count;

        public long Bytes { get; private set; }

        public bool HasItems => _items.Count > 0;

        public void Add(int index, RawDocument item, DocumentPreparer preparer)
        {
            _items.Add((index, item.SourceUri, Task.Run(() => preparer.Prepare(item.Content, item.SourceUri))));
            Bytes += item.Content.Length;
        }

        public async Task<IngestOutcome[]> StoreAsync(FollowedDocumentWriter writer, CancellationToken cancellationToken)
        {
            var documents = new List<NewDocument>(_items.Count);
            var slots = new int[_items.Count];
            var errors = new InvalidDocumentException?[_items.Count];
            for (var i = 0; i < _items.Count; i++)
            {
                try
                {
                    slots[i] = documents.Count;
                    documents.Add(await _items[i].Prepared);
                }
                catch (InvalidDocumentException ex)
                {
                    slots[i] = -1;
                    errors[i] = ex;
                }
            }

            var stored = documents.Count > 0 ? await writer.AddWithoutFollowersAsync(documents, cancellationToken) : [];
            return _items
                .Select((item, i) => new IngestOutcome(item.Index, item.SourceUri, errors[i] is null ? stored[slots[i]] : null, errors[i]))
                .ToArray();
        }
    }
}

/// <summary>One raw document to ingest.</summary>
/// <param name="Content">The bytes as received.</param>
/// <param name="SourceUri">Where they came from.</param>
public sealed record RawDocument(byte[] Content, string SourceUri);

/// <summary>What happened to one item of <see cref="DocumentIngestor.IngestManyAsync"/>.</summary>
/// <param name="Index">Zero-based position of the item in its stream.</param>
/// <param name="SourceUri">The source the item came with.</param>
/// <param name="Stored">The stored document and whether it was created; null when the item was rejected.</param>
/// <param name="Error">Why the item was rejected; null when it was stored.</param>
public sealed record IngestOutcome(int Index, string SourceUri, AddResult? Stored, InvalidDocumentException? Error);
