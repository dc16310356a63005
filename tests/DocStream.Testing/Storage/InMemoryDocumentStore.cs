using System.Security.Cryptography;
using DocStream.Core.Documents;
using DocStream.Core.Documents.Wire;
using DocStream.Core.Parsing;
using DocStream.Core.Querying;
using DocStream.Core.Storage;
using DocStream.Core.Stories;

namespace DocStream.Testing.Storage;

/// <summary>
/// A document store in memory, for unit tests of what sits on a store. It passes the same compliance suite as the
/// real backends (<c>DocumentStoreCompliance</c>): filters, byte budgets, parts, the change feed and etags behave
/// as theirs do. Two stores on one <see cref="InMemoryDatabase"/> behave as two instances on one database.
/// </summary>
public sealed class InMemoryDocumentStore : IDocumentStore
{
    /// <summary>A store on a database of its own.</summary>
    public InMemoryDocumentStore()
        : this(new InMemoryDatabase())
    {
    }

    /// <summary>A store on <paramref name="database"/>, shared with any other store on it, grouping with <paramref name="assigner"/> (none when null).</summary>
    public InMemoryDocumentStore(InMemoryDatabase database, IStoryAssigner? assigner = null)
    {
        Database = database;
        var writer = new InMemoryWriter(database, assigner);
        Stories = new InMemoryStoryReader(database);
        Writer = writer;
        Reader = new InMemoryReader(database);
        Changes = new InMemoryChangeFeed(database, writer);
        Keys = new InMemoryKeyStore(database);
    }

    /// <summary>The data behind this store.</summary>
    public InMemoryDatabase Database { get; }

    /// <summary>True once <see cref="DisposeAsync"/> has run.</summary>
    public bool Disposed { get; private set; }

    /// <inheritdoc />
    public IDocumentWriter Writer { get; }

    /// <inheritdoc />
    public IDocumentReader Reader { get; }

    /// <inheritdoc />
    public IChangeFeed Changes { get; }

    /// <inheritdoc />
    public IStoryReader Stories { get; }

    /// <inheritdoc />
    public IKeyStore Keys { get; }

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }

    private sealed class InMemoryWriter(InMemoryDatabase database, IStoryAssigner? assigner) : IDocumentWriter
    {
        public Task<IReadOnlyList<AddResult>> AddAsync(IReadOnlyList<NewDocument> documents, CancellationToken cancellationToken) =>
            Task.FromResult(database.Add(documents, assigner, this));

        public Task<GroupingPage> GroupAsync(GroupingQuery query, CancellationToken cancellationToken) =>
            Task.FromResult(database.Group(query, assigner ?? throw new InvalidOperationException("Grouping is off."), this));

        public Task ForgetStoriesAsync(CancellationToken cancellationToken)
        {
            database.ForgetStories();
            return Task.CompletedTask;
        }

        public Task<int> ReplaceParsedAsync(IReadOnlyList<ParsedReplacement> replacements, int parserVersion, CancellationToken cancellationToken) =>
            Task.FromResult(database.ReplaceParsed(replacements, parserVersion, this));

        public Task<DeleteOutcome> DeleteAsync(string id, string? expectedEtag, CancellationToken cancellationToken) =>
            Task.FromResult(database.Delete(id, expectedEtag, this));
    }

    private sealed class InMemoryReader(InMemoryDatabase database) : IDocumentReader
    {
        public Task<StoredDocument?> FindAsync(string id, DocumentParts parts, CancellationToken cancellationToken) =>
            Task.FromResult(database.Find(id, parts));

        public Task<DocumentPage> ReadAsync(DocumentQuery query, CancellationToken cancellationToken) => Task.FromResult(database.Read(query));

        public Task<long> CountAsync(CancellationToken cancellationToken) => Task.FromResult(database.Count);
    }

    private sealed class InMemoryChangeFeed(InMemoryDatabase database, InMemoryWriter ownWriter) : IChangeFeed
    {
        public Task<ChangePage> ReadAsync(ChangeQuery query, CancellationToken cancellationToken) => Task.FromResult(database.ReadChanges(query));

        public Task<long> GetLastChangeAsync(CancellationToken cancellationToken) => Task.FromResult(database.LastChange);

        // Two stores on one database are two instances: each hears of the other's writes, not its own.
        public async Task ListenAsync(Action changed, CancellationToken cancellationToken)
        {
            void OnCommitted(object writer)
            {
                if (!ReferenceEquals(writer, ownWriter))
                {
                    changed();
                }
            }

            database.Committed += OnCommitted;
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            finally
            {
                database.Committed -= OnCommitted;
            }
        }

        public Task<int> PruneDeletionsAsync(DateTimeOffset deletedBefore, CancellationToken cancellationToken) =>
            Task.FromResult(database.PruneDeletions(deletedBefore));
    }

    private sealed class InMemoryStoryReader(InMemoryDatabase database) : IStoryReader
    {
        public Task<IReadOnlyList<StorySummary>> ListAsync(long? beforeActivity, int limit, CancellationToken cancellationToken) =>
            Task.FromResult(database.ListStories(beforeActivity, limit));

        public Task<StorySummary?> FindAsync(string id, CancellationToken cancellationToken) => Task.FromResult(database.FindStory(id));

        public Task<long> CountUngroupedAsync(CancellationToken cancellationToken) => Task.FromResult(database.CountUngrouped());
    }

    private sealed class InMemoryKeyStore(InMemoryDatabase database) : IKeyStore
    {
        public Task<byte[]> GetOrCreateKeyAsync(string name, CancellationToken cancellationToken) => Task.FromResult(database.GetOrCreateKey(name));
    }
}

/// <summary>The data of <see cref="InMemoryDocumentStore"/>s: documents, tombstones, the change counter and keys, under one lock.</summary>
public sealed partial class InMemoryDatabase
{
    private readonly Lock _gate = new();
    private readonly SortedList<long, Row> _bySequence = [];
    private readonly Dictionary<string, Row> _byId = new(StringComparer.Ordinal);
    private readonly List<(long Change, string Id, DateTimeOffset DeleteTime)> _tombstones = [];
    private readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<long, long> _termDocuments = [];
    private readonly Dictionary<string, (long Change, DateTimeOffset Time)> _storyActivity = new(StringComparer.Ordinal);
    private long _groupedDocuments;
    private long _sequence;
    private long _lastChange;
    private long _prunedThrough;

    /// <summary>Raised after each write that changed something, with the writer that made it.</summary>
    internal event Action<object>? Committed;

    /// <summary>Documents stored.</summary>
    public long Count
    {
        get
        {
            lock (_gate)
            {
                return _byId.Count;
            }
        }
    }

    /// <summary>The number of the latest change.</summary>
    public long LastChange
    {
        get
        {
            lock (_gate)
            {
                return _lastChange;
            }
        }
    }

    /// <summary>Records that the parsed fields of <paramref name="id"/> came from parser <paramref name="parserVersion"/>, as an older build would have stored them.</summary>
    public void SetParserVersion(string id, int parserVersion)
    {
        lock (_gate)
        {
            _byId[id].ParserVersion = parserVersion;
        }
    }

    internal IReadOnlyList<AddResult> Add(IReadOnlyList<NewDocument> documents, IStoryAssigner? assigner, object writer)
    {
        var results = new List<AddResult>(documents.Count);
        var features = documents.Select(document => assigner?.Describe(document.Parsed)).ToArray();
        lock (_gate)
        {
            for (var i = 0; i < documents.Count; i++)
            {
                var document = documents[i];
                if (_byId.TryGetValue(document.Id, out var existing))
                {
                    results.Add(new AddResult(existing.ToStored(DocumentParts.Basic), Created: false));
                    continue;
                }

                // Whole microseconds, as the relational stores keep times.
                var now = DateTimeOffset.UtcNow;
                var row = new Row(++_sequence, document, now.AddTicks(-(now.UtcTicks % 10)))
                {
                    ChangeSequence = ++_lastChange,
                };
                row.CreatedChange = row.ChangeSequence;
                if (assigner is not null)
                {
                    // The candidates answer at once, under this lock, as a transaction's reads would.
                    var assignment = assigner.AssignAsync(document.Id, features[i]!, new Candidates(this, row.Sequence), CancellationToken.None)
                        .GetAwaiter().GetResult();
                    Record(row, assignment, row.ChangeSequence);
                }

                _bySequence.Add(row.Sequence, row);
                _byId.Add(row.Id, row);
                results.Add(new AddResult(row.ToStored(DocumentParts.Basic), Created: true));
            }
        }

        if (results.Any(result => result.Created))
        {
            Committed?.Invoke(writer);
        }

        return results;
    }

    internal int ReplaceParsed(IReadOnlyList<ParsedReplacement> replacements, int parserVersion, object writer)
    {
        var replaced = 0;
        lock (_gate)
        {
            foreach (var (id, parsed) in replacements)
            {
                if (_byId.TryGetValue(id, out var row))
                {
                    row.Replace(parsed, parserVersion);
                    row.ChangeSequence = ++_lastChange;
                    Touch(row.StoryId, row.ChangeSequence);
                    replaced++;
                }
            }
        }

        if (replaced > 0)
        {
            Committed?.Invoke(writer);
        }

        return replaced;
    }

    internal DeleteOutcome Delete(string id, string? expectedEtag, object writer)
    {
        lock (_gate)
        {
            if (!_byId.TryGetValue(id, out var row))
            {
                return DeleteOutcome.NotFound;
            }

            if (expectedEtag is not null && expectedEtag != row.Etag)
            {
                return DeleteOutcome.EtagMismatch;
            }

            _byId.Remove(id);
            _bySequence.Remove(row.Sequence);
            _tombstones.Add((++_lastChange, id, DateTimeOffset.UtcNow));
            row.Grouping = null;
            var copies = _bySequence.Values.Where(copy => copy.NearDuplicateOf == id).ToList();
            foreach (var copy in copies)
            {
                copy.SetStory(copy.StoryId, ReferenceEquals(copy, copies[0]) ? null : copies[0].Id);
                copy.ChangeSequence = ++_lastChange;
            }

            Touch(row.StoryId, _lastChange);
        }

        Committed?.Invoke(writer);
        return DeleteOutcome.Deleted;
    }

    internal StoredDocument? Find(string id, DocumentParts parts)
    {
        lock (_gate)
        {
            return _byId.TryGetValue(id, out var row) ? row.ToStored(parts) : null;
        }
    }

    internal DocumentPage Read(DocumentQuery query)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        if (query.Filter.IsEmptyRange)
        {
            return DocumentPage.Empty;
        }

        lock (_gate)
        {
            var documents = new List<StoredDocument>();
            long bytes = 0;
            foreach (var row in _bySequence.Values.Where(row => row.Sequence > query.AfterSequence && row.Matches(query)).Take(query.Limit))
            {
                var document = row.ToStored(query.Parts);
                documents.Add(document);
                bytes += document.SerializedSize;
                if (bytes >= query.MaxBytes)
                {
                    return new DocumentPage(documents, MoreMayFollow: true);
                }
            }

            return new DocumentPage(documents, MoreMayFollow: documents.Count == query.Limit);
        }
    }

    internal ChangePage ReadChanges(ChangeQuery query)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        lock (_gate)
        {
            var matching = query.Filter.IsEmptyRange ? [] : _bySequence.Values.Where(row => row.Matches(query.Filter));
            var selected = matching
                .Select(row => (row.ChangeSequence, row.Id, Row: (Row?)row))
                .Concat(_tombstones.Select(tombstone => (tombstone.Change, tombstone.Id, Row: (Row?)null)))
                .Where(change => change.Item1 > query.AfterChange)
                .OrderBy(change => change.Item1)
                .Take(query.Limit);
            var changes = new List<DocumentChange>();
            long bytes = 0;
            var full = false;
            foreach (var (change, id, row) in selected)
            {
                var document = row?.ToStored(query.Parts);
                changes.Add(new DocumentChange(change, id, document, row?.CreatedChange ?? 0));
                bytes += document?.SerializedSize ?? 0;
                if (bytes >= query.MaxBytes)
                {
                    full = true;
                    break;
                }
            }

            full |= changes.Count == query.Limit;
            var readThrough = full ? changes[^1].Change : _lastChange;
            return new ChangePage(changes, Math.Max(readThrough, query.AfterChange), _prunedThrough) { MoreMayFollow = full };
        }
    }

    internal int PruneDeletions(DateTimeOffset deletedBefore)
    {
        lock (_gate)
        {
            var old = _tombstones.Where(tombstone => tombstone.DeleteTime < deletedBefore).ToList();
            if (old.Count == 0)
            {
                return 0;
            }

            _prunedThrough = Math.Max(_prunedThrough, old.Max(tombstone => tombstone.Change));
            return _tombstones.RemoveAll(tombstone => tombstone.Change <= _prunedThrough);
        }
    }

    internal byte[] GetOrCreateKey(string name)
    {
        lock (_gate)
        {
            if (!_keys.TryGetValue(name, out var key))
            {
                _keys[name] = key = RandomNumberGenerator.GetBytes(32);
            }

            return key;
        }
    }

    private sealed class Row(long sequence, NewDocument document, DateTimeOffset createTime)
    {
        private ParsedArticle _parsed = document.Parsed;
        private byte[] _metadata = MetadataWireFormat.Encode(document.Parsed);
        private byte[] _body = ContentWireFormat.Encode(document.Parsed.Body, document.Parsed.ReadAlso);

        public long Sequence { get; } = sequence;

        public string Id => document.Id;

        public string Etag { get; private set; } = NewEtag();

        public int ParserVersion { get; set; } = ArticleParser.Version;

        public long ChangeSequence { get; set; }

        public long CreatedChange { get; set; }

        public string? StoryId { get; private set; }

        public string? NearDuplicateOf { get; private set; }

        /// <summary>What grouping keeps of the row for later documents; null until grouped, or once forgotten.</summary>
        public StoryAssignment? Grouping { get; set; }

        public ParsedArticle Parsed => _parsed;

        public void SetStory(string? storyId, string? nearDuplicateOf)
        {
            if (storyId != StoryId || nearDuplicateOf != NearDuplicateOf)
            {
                Etag = NewEtag();
            }

            StoryId = storyId;
            NearDuplicateOf = nearDuplicateOf;
        }

        public void Replace(ParsedArticle parsed, int parserVersion)
        {
            _parsed = parsed;
            _metadata = MetadataWireFormat.Encode(parsed);
            _body = ContentWireFormat.Encode(parsed.Body, parsed.ReadAlso);
            ParserVersion = parserVersion;
            Etag = NewEtag();
        }

        public bool Matches(DocumentQuery query) => (query.ParsedBeforeVersion is not { } version || ParserVersion < version) && Matches(query.Filter);

        public bool Matches(DocumentFilter filter) => filter.Matches(ToStored(DocumentParts.Basic), _parsed);

        public StoredDocument ToStored(DocumentParts parts) => new(
            Sequence, document.Id, document.ContentSha256, document.SourceUri, document.RawContent.Length, ParserVersion, createTime, Etag, parts,
            parts.HasFlag(DocumentParts.RawContent) ? document.RawContent : null,
            _metadata,
            parts.HasFlag(DocumentParts.Body) ? _body : default,
            StoryId,
            NearDuplicateOf);

        private static string NewEtag() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
    }
}
