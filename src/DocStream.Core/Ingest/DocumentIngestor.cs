using System.Runtime.CompilerServices;
using DocStream.Core.Documents;
using DocStream.Core.Storage;

namespace DocStream.Core.Ingest;

/// <summary>
/// Validates, parses and stores raw documents, one at a time or as a stream written in batches. Ingest is
/// idempotent: the same bytes give the same document.
/// </summary>
/// <param name="writer">Where documents go.</param>
/// <param name="preparer">Validates and parses.</param>
public sealed class DocumentIngestor(IDocumentWriter writer, DocumentPreparer preparer)
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
    /// does not stop the others.
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
    /// client that keeps the input full still gets full batches.
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyList<IngestOutcome>> IngestBatchesAsync(
        IAsyncEnumerable<RawDocument> items, bool commitWhenInputWaits, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var batch = new Batch();
        var index = 0;
        var input = items.GetAsyncEnumerator(cancellationToken);
        var reading = false;
        try
        {
            while (true)
            {
                var next = input.MoveNextAsync();
                reading = true;
                if (commitWhenInputWaits && !next.IsCompleted && batch.HasItems)
                {
                    yield return await batch.StoreAsync(writer, cancellationToken);
                }

                var more = await next;
                reading = false;
                if (!more)
                {
                    break;
                }

                var item = input.Current;
                try
                {
                    batch.Add(index, item.SourceUri, preparer.Prepare(item.Content, item.SourceUri));
                }
                catch (InvalidDocumentException ex)
                {
                    batch.Reject(index, item.SourceUri, ex);
                }

                index++;
                if (batch.Documents.Count >= BatchSize || batch.Bytes >= BatchBytes)
                {
                    yield return await batch.StoreAsync(writer, cancellationToken);
                }
            }

            if (batch.HasItems)
            {
                yield return await batch.StoreAsync(writer, cancellationToken);
            }
        }
        finally
        {
            // An input still being read (a store failed while the client paused) cannot be disposed; the call's end frees it.
            if (!reading)
            {
                await input.DisposeAsync();
            }
        }
    }

    /// <summary>The items read since the last store, in order, and the documents among them to store.</summary>
    private sealed class Batch
    {
        private readonly List<(int Index, string SourceUri, int Document, InvalidDocumentException? Error)> _items = [];

        public List<NewDocument> Documents { get; } = [];

        public long Bytes { get; private set; }

        public bool HasItems => _items.Count > 0;

        public void Add(int index, string sourceUri, NewDocument document)
        {
            _items.Add((index, sourceUri, Documents.Count, null));
            Documents.Add(document);
            Bytes += document.RawContent.Length;
        }

        public void Reject(int index, string sourceUri, InvalidDocumentException error) => _items.Add((index, sourceUri, -1, error));

        public async Task<IngestOutcome[]> StoreAsync(IDocumentWriter writer, CancellationToken cancellationToken)
        {
            var stored = Documents.Count > 0 ? await writer.AddAsync(Documents, cancellationToken) : [];
            var outcomes = _items
                .Select(item => new IngestOutcome(item.Index, item.SourceUri, item.Error is null ? stored[item.Document] : null, item.Error))
                .ToArray();
            _items.Clear();
            Documents.Clear();
            Bytes = 0;
            return outcomes;
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
