using System.Globalization;
using DocStream.Core.Parsing;
using DocStream.Search.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace DocStream.Search.Indexing;

/// <summary>
/// The Lucene index of the corpus: one writer, near-real-time searchers, BM25 ranking. Every write is committed
/// (so it survives a crash) and made visible to searches before the method returns. Each commit records the
/// versions of the analyzer, the index layout and the article parser, so a stale index can be told apart.
/// Individual calls are thread-safe; callers that must keep the index in step with a store serialise their
/// writes themselves (<see cref="SearchIndexingDocumentStore"/> does).
/// </summary>
public sealed class SearchIndex : IDisposable
{
    /// <summary>Bumped whenever the fields or how they are filled change.</summary>
    public const int SchemaVersion = 1;

    private const string AnalyzerVersionKey = "docstream.analyzer_version";
    private const string SchemaVersionKey = "docstream.schema_version";
    private const string ParserVersionKey = "docstream.parser_version";

    private readonly LuceneDirectory _directory;
    private readonly object _gate = new();
    private IDictionary<string, string>? _recordedVersions;
    private IndexWriter _writer;
    private SearcherManager _searchers;
    private bool _staged;

    private SearchIndex(LuceneDirectory directory, bool discardExisting)
    {
        _directory = directory;
        if (!discardExisting && DirectoryReader.IndexExists(directory))
        {
            var commits = DirectoryReader.ListCommits(directory);
            _recordedVersions = commits[^1].UserData;
        }

        (_writer, _searchers) = OpenWriter(discardExisting);
    }

    /// <summary>The analyzer of both the index and the queries.</summary>
    public DocStreamAnalyzer Analyzer { get; } = new();

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

    /// <summary>The versions this build writes, as recorded in each commit.</summary>
    public static IReadOnlyDictionary<string, string> CurrentVersions { get; } = new Dictionary<string, string>
    {
        [AnalyzerVersionKey] = DocStreamAnalyzer.Version.ToString(CultureInfo.InvariantCulture),
        [SchemaVersionKey] = SchemaVersion.ToString(CultureInfo.InvariantCulture),
        [ParserVersionKey] = ArticleParser.Version.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Opens (or creates) the index in the directory at <paramref name="path"/>. An index that cannot be read
    /// (corrupt, or from an unknown Lucene format) is discarded, so that <see cref="StaleReason"/> asks for a rebuild.
    /// </summary>
    public static SearchIndex Open(string path)
    {
        System.IO.Directory.CreateDirectory(path);
        var directory = Lucene.Net.Store.FSDirectory.Open(path);
        try
        {
            return new SearchIndex(directory, discardExisting: false);
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

            return new SearchIndex(Lucene.Net.Store.FSDirectory.Open(path), discardExisting: true);
        }
    }

    /// <summary>An index held in memory, for tests and benchmarks.</summary>
    public static SearchIndex InMemory() => new(new Lucene.Net.Store.RAMDirectory(), discardExisting: false);

    /// <summary>Writes, commits and searches one document in a throw-away in-memory index, so that the code paths
    /// of the first real write and search are already compiled.</summary>
    public static void WarmUp()
    {
        using var scratch = InMemory();
        scratch.Upsert([("warm-up", ArticleParser.Parse("تهيئة الفهرس\n\nفقرة للإحماء Warm-up paragraph ١٢٣\n\nكلمات دلالية: إحماء"))]);
        scratch.Search(searcher => searcher.Search(new TermQuery(new Term(IndexFields.Body, "warm")), 1));
    }

    /// <summary>
    /// Why the index must be rebuilt from a store holding <paramref name="storeCount"/> documents, or null when it
    /// is usable: there was no index when it was opened, it was written by another analyzer, layout or parser
    /// version, or it holds a different number of documents (a crash between a store write and the index write).
    /// </summary>
    public string? StaleReason(long storeCount)
    {
        if (_recordedVersions is null)
        {
            return "there is no index yet";
        }

        foreach (var (key, value) in CurrentVersions)
        {
            if (!_recordedVersions.TryGetValue(key, out var recorded) || recorded != value)
            {
                return $"it was written with {key}={recorded ?? "(none)"}, this build uses {value}";
            }
        }

        var count = DocumentCount;
        return count == storeCount ? null : $"it holds {count} documents and the store {storeCount}";
    }

    /// <summary>Adds or replaces the entries of <paramref name="documents"/>, commits, and makes them searchable.</summary>
    public void Upsert(IEnumerable<(string Id, ParsedArticle Parsed)> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        lock (_gate)
        {
            foreach (var (id, parsed) in documents)
            {
                _writer.UpdateDocument(new Term(IndexFields.Id, id), IndexDocumentMapper.ToDocument(id, parsed));
            }

            CommitAndRefresh();
        }
    }

    /// <summary>
    /// Adds or replaces the entries of <paramref name="documents"/> without committing or refreshing: they become
    /// visible and durable with the next <see cref="Upsert"/>, <see cref="Delete"/> or <see cref="CommitStaged"/>.
    /// </summary>
    public void Stage(IEnumerable<(string Id, ParsedArticle Parsed)> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        lock (_gate)
        {
            foreach (var (id, parsed) in documents)
            {
                _writer.UpdateDocument(new Term(IndexFields.Id, id), IndexDocumentMapper.ToDocument(id, parsed));
            }

            _staged = true;
        }
    }

    /// <summary>Commits and makes visible what <see cref="Stage"/> added, if anything.</summary>
    public void CommitStaged()
    {
        lock (_gate)
        {
            if (_staged)
            {
                CommitAndRefresh();
            }
        }
    }

    /// <summary>Removes the entry of document <paramref name="id"/> (if any), commits, and makes it unsearchable.</summary>
    public void Delete(string id)
    {
        lock (_gate)
        {
            _writer.DeleteDocuments(new Term(IndexFields.Id, id));
            CommitAndRefresh();
        }
    }

    /// <summary>
    /// Replaces the whole index with the documents <paramref name="batches"/> yields. Searches see the old index
    /// until the new one is complete; if reading the batches fails, the old index is kept.
    /// </summary>
    /// <returns>The number of documents indexed.</returns>
    public async Task<long> ReplaceAllAsync(IAsyncEnumerable<IReadOnlyList<(string Id, ParsedArticle Parsed)>> batches, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batches);
        long count = 0;
        try
        {
            lock (_gate)
            {
                _writer.DeleteAll();
            }

            await foreach (var batch in batches.WithCancellation(cancellationToken))
            {
                lock (_gate)
                {
                    foreach (var (id, parsed) in batch)
                    {
                        _writer.AddDocument(IndexDocumentMapper.ToDocument(id, parsed));
                    }
                }

                count += batch.Count;
            }

            lock (_gate)
            {
                CommitAndRefresh();
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
                _staged = false;
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

    private void CommitAndRefresh()
    {
        _writer.SetCommitData(CurrentVersions.ToDictionary());
        _writer.Commit();
        _staged = false;
        _recordedVersions = CurrentVersions.ToDictionary();
        _searchers.MaybeRefreshBlocking();
    }

    private sealed class Bm25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = new BM25Similarity() };
    }
}
