using System.Globalization;
using DocStream.Core.Parsing;
using DocStream.Search.Analysis;
using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace DocStream.Search.Indexing;

/// <summary>
/// The Lucene index of the corpus: one writer, near-real-time searchers, BM25 ranking. Every write is made visible
/// to searches before the method returns. Store changes (<see cref="Apply"/>) are committed at most every
/// <see cref="CommitInterval"/>, not per call: a commit syncs every new file to disk, and the store, not the index,
/// is the durable truth. Each commit records <see cref="IndexCommitData"/>: the versions that wrote it, and the last
/// store change it holds, so that after a crash the index resumes the store's change feed there and applies again
/// what it had not committed.
/// Individual calls are thread-safe; callers that must keep the index in step with a store serialise their
/// writes themselves (<see cref="SearchIndexFollower"/> does).
/// </summary>
public sealed class SearchIndex : IDisposable
{
    /// <summary>Bumped whenever the fields or how they are filled change.</summary>
    public const int SchemaVersion = 2;

    private readonly LuceneDirectory _directory;
    private readonly object _gate = new();
    private IDictionary<string, string>? _recorded;
    private IndexWriter _writer;
    private SearcherManager _searchers;
    // The last store change applied since the last commit; null when the last commit holds every applied change.
    private long? _uncommitted;
    // Whether changes applied since the last refresh wait for one to become searchable.
    private bool _unrefreshed;
    private long _lastCommitTicks = Environment.TickCount64;

    private SearchIndex(LuceneDirectory directory, bool discardExisting, Analyzer? analyzer = null, TimeSpan? commitInterval = null)
    {
        _directory = directory;
        Analyzer = analyzer ?? new DocStreamAnalyzer();
        CommitInterval = commitInterval ?? DefaultCommitInterval;
        if (!discardExisting && DirectoryReader.IndexExists(directory))
        {
            var commits = DirectoryReader.ListCommits(directory);
            _recorded = commits[^1].UserData;
        }

        (_writer, _searchers) = OpenWriter(discardExisting);
    }

    // Below this many entries per thread, a batch is written from the calling thread alone: a one-document write
    // would pay more to hand work over than it saves.
    private const int MinEntriesPerThread = 16;

    /// <summary>How long applied store changes may wait for a commit when no interval is given.</summary>
    public static readonly TimeSpan DefaultCommitInterval = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long <see cref="Apply"/> lets applied changes wait for a commit: about the most a restart after a crash
    /// applies again from the store's change feed. Zero commits every call.
    /// </summary>
    public TimeSpan CommitInterval { get; }

    /// <summary>The analyzer of both the index and the queries: <see cref="DocStreamAnalyzer"/> unless an in-memory
    /// index was given another to compare with.</summary>
    public Analyzer Analyzer { get; }

    /// <summary>Documents in the index, as of the last write.</summary>
    public int DocumentCount
    {
        get
        {
            lock (_gate)
            {
                return _writer.NumDocs;
            }
        }
    }

    /// <summary>
    /// The number of the last store change the index has applied (see <c>IChangeFeed</c>), committed or not; null
    /// when none was applied and no commit recorded one.
    /// </summary>
    public long? LastChange
    {
        get
        {
            lock (_gate)
            {
                return _uncommitted ?? CommittedChangeLocked();
            }
        }
    }

    /// <summary>The number of the last store change the latest commit holds: where a restart after a crash resumes.</summary>
    public long? CommittedChange
    {
        get
        {
            lock (_gate)
            {
                return CommittedChangeLocked();
            }
        }
    }

    /// <summary>
    /// Opens (or creates) the index in the directory at <paramref name="path"/>. An index that cannot be read
    /// (corrupt, or from an unknown Lucene format) is discarded, so that <see cref="StaleReason"/> asks for a rebuild.
    /// </summary>
    /// <param name="path">The index's own directory.</param>
    /// <param name="commitInterval">The <see cref="CommitInterval"/>; <see cref="DefaultCommitInterval"/> when null.</param>
    public static SearchIndex Open(string path, TimeSpan? commitInterval = null)
    {
        System.IO.Directory.CreateDirectory(path);
        var directory = Lucene.Net.Store.FSDirectory.Open(path);
        try
        {
            return new SearchIndex(directory, discardExisting: false, commitInterval: commitInterval);
        }
        catch (Exception ex) when (ex is CorruptIndexException or IndexFormatTooOldException or IndexFormatTooNewException or FileNotFoundException or EndOfStreamException)
        {
            // Even a writer in CREATE mode reads the old commits, so the unreadable files must go first. The
            // directory is the index's own: nothing else lives in it.
            directory.Dispose();
            foreach (var file in System.IO.Directory.GetFiles(path))
            {
                File.Delete(file);
            }

            return new SearchIndex(Lucene.Net.Store.FSDirectory.Open(path), discardExisting: true, commitInterval: commitInterval);
        }
    }

    /// <summary>An index held in memory, for tests and benchmarks.</summary>
    public static SearchIndex InMemory() => new(new Lucene.Net.Store.RAMDirectory(), discardExisting: false);

    /// <summary>
    /// An index held in memory that analyses with <paramref name="analyzer"/> (which it disposes) instead of
    /// <see cref="DocStreamAnalyzer"/>, so another analysis chain can be measured behind the same fields, queries and
    /// ranking. Its commits still record <see cref="IndexCommitData.CurrentVersions"/>: it is never opened again.
    /// </summary>
    public static SearchIndex InMemory(Analyzer analyzer)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        return new(new Lucene.Net.Store.RAMDirectory(), discardExisting: false, analyzer);
    }

    /// <summary>Writes, commits and searches one document in a throw-away in-memory index, so that the code paths
    /// of the first real write and search are already compiled.</summary>
    public static void WarmUp()
    {
        using var scratch = InMemory();
        scratch.Upsert([("warm-up", ArticleParser.Parse("تهيئة الفهرس\n\nفقرة للإحماء Warm-up paragraph ١٢٣\n\nكلمات دلالية: إحماء"))]);
        scratch.Search(searcher => searcher.Search(new TermQuery(new Term(IndexFields.Body, "warm")), 1));
    }

    /// <summary>
    /// Why the index must be rebuilt from a store holding <paramref name="storeCount"/> documents whose last change
    /// is <paramref name="storeLastChange"/>, or null when it is usable (perhaps after catching up with the store's
    /// change feed): there was no index when it was opened; it was written by another analyzer, layout or parser
    /// version; it records no last change (written before the feed existed); it has applied changes the store does
    /// not have (another or a restored database); or it has applied every change yet holds a different number of
    /// documents. Counts are compared only when the index is current, since an index that is behind differs by the
    /// changes it has yet to apply.
    /// </summary>
    public string? StaleReason(long storeCount, long storeLastChange)
    {
        IDictionary<string, string>? recorded;
        lock (_gate)
        {
            recorded = _recorded;
        }

        if (recorded is null)
        {
            return "there is no index yet";
        }

        if (IndexCommitData.VersionMismatch(recorded) is { } mismatch)
        {
            return mismatch;
        }

        if (LastChange is not { } lastChange)
        {
            return "it records no store change it has applied";
        }

        if (lastChange > storeLastChange)
        {
            return $"it has applied store changes up to {lastChange}, and the store has only {storeLastChange}";
        }

        var count = DocumentCount;
        return lastChange < storeLastChange || count == storeCount ? null : $"it holds {count} documents and the store {storeCount}";
    }

    /// <summary>
    /// Adds or replaces the entries of <paramref name="documents"/>, commits, and makes them searchable. The recorded
    /// last change stays as it was: this is for indexes that do not follow a store.
    /// </summary>
    public void Upsert(IEnumerable<(string Id, ParsedArticle Parsed)> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        lock (_gate)
        {
            foreach (var (id, parsed) in documents)
            {
                _writer.UpdateDocument(new Term(IndexFields.Id, id), IndexDocumentMapper.ToDocument(id, parsed));
            }

            CommitAndRefresh(lastChange: null);
        }
    }

    /// <summary>
    /// Applies store changes in order: an entry with parsed fields adds or replaces that document, one without
    /// removes it. Records <paramref name="lastChange"/> as the last change applied and commits when the last commit
    /// is <see cref="CommitInterval"/> old. The changes become searchable at <see cref="MakeSearchable"/> (or with
    /// that commit), so that a catch-up of many batches pays for one refresh, not one per batch. Applying a change
    /// twice is harmless.
    /// </summary>
    public void Apply(IReadOnlyList<IndexEntry> changes, long lastChange)
    {
        ArgumentNullException.ThrowIfNull(changes);
        lock (_gate)
        {
            WriteInParallel(changes, entry =>
            {
                if (entry.Parsed is null)
                {
                    _writer.DeleteDocuments(new Term(IndexFields.Id, entry.Id));
                }
                else
                {
                    _writer.UpdateDocument(new Term(IndexFields.Id, entry.Id), IndexDocumentMapper.ToDocument(entry.Id, entry.Parsed, entry.StoryId, entry.NearDuplicate));
                }
            });

            if (Environment.TickCount64 - _lastCommitTicks >= (long)CommitInterval.TotalMilliseconds)
            {
                CommitAndRefresh(lastChange);
            }
            else
            {
                _uncommitted = lastChange;
                _unrefreshed = true;
            }
        }
    }

    /// <summary>Makes every applied change searchable: a near-real-time refresh, when a change waits for one.</summary>
    public void MakeSearchable()
    {
        lock (_gate)
        {
            if (_unrefreshed)
            {
                RefreshLocked();
            }
        }
    }

    /// <summary>Commits the changes applied since the last commit, if any: at shutdown, so a restart resumes after them.</summary>
    public void Commit()
    {
        lock (_gate)
        {
            if (_uncommitted is { } change)
            {
                CommitAndRefresh(change);
            }
        }
    }

    /// <summary>
    /// Replaces the whole index with the documents <paramref name="batches"/> yields, recording
    /// <paramref name="lastChange"/> as the last store change applied. Searches see the old index until the new one
    /// is complete; if reading the batches fails, the old index is kept.
    /// </summary>
    /// <returns>The number of documents indexed.</returns>
    public async Task<long> ReplaceAllAsync(
        IAsyncEnumerable<IReadOnlyList<IndexEntry>> batches, long lastChange, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batches);
        long count = 0;
        try
        {
            lock (_gate)
            {
                // What was applied before the rebuild is committed first, so a failed rebuild rolls back to it.
                if (_uncommitted is { } applied)
                {
                    CommitAndRefresh(applied);
                }

                _writer.DeleteAll();
            }

            await foreach (var batch in batches.WithCancellation(cancellationToken))
            {
                lock (_gate)
                {
                    WriteInParallel(batch, entry => _writer.AddDocument(IndexDocumentMapper.ToDocument(entry.Id, entry.Parsed!, entry.StoryId, entry.NearDuplicate)));
                }

                count += batch.Count;
            }

            lock (_gate)
            {
                CommitAndRefresh(lastChange);
            }

            return count;
        }
        catch
        {
            lock (_gate)
            {
                // Rollback closes the writer and drops everything since the last commit: the old index stays.
                _searchers.Dispose();
                _writer.Rollback();
                (_writer, _searchers) = OpenWriter(discardExisting: false);
            }

            throw;
        }
    }

    /// <summary>Runs <paramref name="search"/> on the latest searcher and releases it afterwards.</summary>
    public T Search<T>(Func<IndexSearcher, T> search)
    {
        ArgumentNullException.ThrowIfNull(search);
        SearcherManager searchers;
        lock (_gate)
        {
            searchers = _searchers;
        }

        var searcher = searchers.Acquire();
        try
        {
            return search(searcher);
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            // Commits what is pending with its last change, so a graceful restart has nothing to apply again.
            if (_uncommitted is { } change)
            {
                CommitAndRefresh(change);
            }

            _searchers.Dispose();
            _writer.Dispose();
            _directory.Dispose();
            Analyzer.Dispose();
        }
    }

    private (IndexWriter Writer, SearcherManager Searchers) OpenWriter(bool discardExisting)
    {
        var config = new IndexWriterConfig(DocStreamAnalyzer.MatchVersion, Analyzer)
        {
            OpenMode = discardExisting ? OpenMode.CREATE : OpenMode.CREATE_OR_APPEND,
            Similarity = new BM25Similarity(),
        };
        var writer = new IndexWriter(_directory, config);
        return (writer, new SearcherManager(writer, applyAllDeletes: true, new Bm25SearcherFactory()));
    }

    private void CommitAndRefresh(long? lastChange)
    {
        var data = IndexCommitData.Of(lastChange ?? _uncommitted ?? CommittedChangeLocked());
        _writer.SetCommitData(data);
        _writer.Commit();
        _recorded = data;
        _uncommitted = null;
        _lastCommitTicks = Environment.TickCount64;
        RefreshLocked();
    }

    /// <summary>
    /// Hands <paramref name="entries"/> to <paramref name="write"/> from one thread per core: Lucene's writer takes
    /// documents from several threads at once, each analysed and buffered on its own, and analysis is most of what
    /// indexing costs. Entries of one id go to one thread, in their order, so the last change of a document wins.
    /// </summary>
    private static void WriteInParallel(IReadOnlyList<IndexEntry> entries, Action<IndexEntry> write)
    {
        var threads = Math.Min(Environment.ProcessorCount, entries.Count / MinEntriesPerThread);
        if (threads < 2)
        {
            foreach (var entry in entries)
            {
                write(entry);
            }

            return;
        }

        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, thread =>
        {
            foreach (var entry in entries)
            {
                if ((uint)StringComparer.Ordinal.GetHashCode(entry.Id) % (uint)threads == thread)
                {
                    write(entry);
                }
            }
        });
    }

    private void RefreshLocked()
    {
        _searchers.MaybeRefreshBlocking();
        _unrefreshed = false;
    }

    private long? CommittedChangeLocked() => IndexCommitData.LastChange(_recorded);

    private sealed class Bm25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = new BM25Similarity() };
    }
}
