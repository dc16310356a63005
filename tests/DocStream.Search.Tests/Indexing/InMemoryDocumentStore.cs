using System.Text;
using DocStream.Core.Documents;
using DocStream.Core.Parsing;
using DocStream.Core.Querying;
using DocStream.Core.Storage;

namespace DocStream.Search.Tests.Indexing;

/// <summary>
/// A minimal store for the indexing tests: keeps documents in a list and a change feed beside them, counts its
/// reads, can be told to fail.
/// </summary>
internal sealed class InMemoryDocumentStore : IDocumentStore, IDisposable
{
    private readonly List<StoredDocument> _documents = [];
    private readonly Dictionary<string, long> _changes = [];
    private readonly List<DocumentChange> _tombstones = [];
    private long _sequence;
    private long _lastChange;

    public int ReadAfterCalls { get; private set; }

    public bool Disposed { get; private set; }

    public int? FailReadAfterCall { get; set; }

    public static NewDocument Article(string title, params string[] body) =>
        NewDocument.Create(Encoding.UTF8.GetBytes(title + "\n" + string.Join('\n', body)), "test.txt",
            ArticleParser.Parse(title + "\n\n" + string.Join("\n\n", body)));

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => Disposed = true;

    public Task<IReadOnlyList<AddResult>> AddManyAsync(IReadOnlyList<NewDocument> documents, CancellationToken cancellationToken)
    {
        var results = new List<AddResult>();
        foreach (var document in documents)
        {
            var existing = _documents.Find(d => d.Id == document.Id);
            if (existing is not null)
            {
                results.Add(new AddResult(existing, Created: false));
                continue;
            }

            var stored = new StoredDocument(++_sequence, document.Id, document.ContentSha256, document.SourceUri, document.RawContent,
                document.RawContent.Length, document.Parsed, ArticleParser.Version, DateTimeOffset.UtcNow, "etag");
            _documents.Add(stored);
            _changes[stored.Id] = ++_lastChange;
            results.Add(new AddResult(stored, Created: true));
        }

        return Task.FromResult<IReadOnlyList<AddResult>>(results);
    }

    public Task<StoredDocument?> FindAsync(string id, bool includeContent, CancellationToken cancellationToken) =>
        Task.FromResult(_documents.Find(d => d.Id == id));

    public Task<IReadOnlyList<StoredDocument>> ReadAfterAsync(
        DocumentFilter filter, long afterSequence, int limit, long maxBytes, bool includeContent, CancellationToken cancellationToken)
    {
        if (++ReadAfterCalls == FailReadAfterCall)
        {
            throw new IOException("the store went away");
        }

        return Task.FromResult<IReadOnlyList<StoredDocument>>(_documents.Where(d => d.Sequence > afterSequence).Take(limit).ToList());
    }

    public Task<StoredDocument?> FindEncodedAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(_documents.Find(d => d.Id == id) is { } stored ? Encoded(stored) : null);

    public Task<IReadOnlyList<StoredDocument>> ReadEncodedAfterAsync(
        DocumentFilter filter, long afterSequence, int limit, long maxBytes, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StoredDocument>>(_documents.Where(d => d.Sequence > afterSequence).Take(limit).Select(Encoded).ToList());

    public Task<DeleteOutcome> DeleteAsync(string id, string? expectedEtag, CancellationToken cancellationToken)
    {
        if (_documents.RemoveAll(d => d.Id == id) == 0)
        {
            return Task.FromResult(DeleteOutcome.NotFound);
        }

        _changes.Remove(id);
        _tombstones.Add(new DocumentChange(++_lastChange, id, null));
        return Task.FromResult(DeleteOutcome.Deleted);
    }

    public Task<IReadOnlyList<StoredDocument>> ReadParsedBeforeAsync(int parserVersion, long afterSequence, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StoredDocument>>(
            _documents.Where(d => d.ParserVersion < parserVersion && d.Sequence > afterSequence).Take(limit).ToList());

    public Task<bool> UpdateParsedAsync(string id, ParsedArticle parsed, int parserVersion, CancellationToken cancellationToken)
    {
        var index = _documents.FindIndex(d => d.Id == id);
        if (index >= 0)
        {
            _documents[index] = _documents[index] with { Parsed = parsed, ParserVersion = parserVersion };
            _changes[id] = ++_lastChange;
        }

        return Task.FromResult(index >= 0);
    }

    /// <summary>Stores a document as if an older parser had read it, with the given (stale) parsed fields.</summary>
    public void AddParsedByOlderParser(NewDocument document, ParsedArticle staleParse)
    {
        _documents.Add(new StoredDocument(++_sequence, document.Id, document.ContentSha256, document.SourceUri, document.RawContent,
            document.RawContent.Length, staleParse, ArticleParser.Version - 1, DateTimeOffset.UtcNow, "etag"));
        _changes[document.Id] = ++_lastChange;
    }

    public Task<IReadOnlyList<DocumentChange>> ReadChangesAsync(long afterChange, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DocumentChange>>(_documents
            .Select(d => new DocumentChange(_changes[d.Id], d.Id, d with { RawContent = null }))
            .Concat(_tombstones)
            .Where(c => c.Change > afterChange)
            .OrderBy(c => c.Change)
            .Take(limit)
            .ToList());

    public Task<long> GetLastChangeAsync(CancellationToken cancellationToken) => Task.FromResult(_lastChange);

    public Task<long> CountAsync(CancellationToken cancellationToken) => Task.FromResult((long)_documents.Count);

    public Task<byte[]> GetOrCreateSecretAsync(string name, CancellationToken cancellationToken) => Task.FromResult(new byte[32]);

    private static StoredDocument Encoded(StoredDocument stored) => stored with
    {
        Parsed = ParsedArticle.Empty,
        EncodedContent = ContentWireFormat.Encode(stored.Parsed.Body, stored.Parsed.ReadAlso),
        EncodedMetadata = MetadataWireFormat.Encode(stored.Parsed),
    };
}
