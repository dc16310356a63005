using DocStream.Core.Querying;
using DocStream.Search.Indexing;
using DocStream.Search.Querying;

namespace DocStream.Search;

/// <summary>One search result.</summary>
/// <param name="Id">The document id (see <c>DocumentName</c>).</param>
/// <param name="Title">The headline.</param>
/// <param name="Score">BM25 relevance; higher is better; comparable only within one search.</param>
/// <param name="Snippet">The passage that best shows the match, matched words marked.</param>
public sealed record SearchHit(string Id, string Title, float Score, string Snippet);

/// <summary>The hits of one search, best first.</summary>
/// <param name="TotalHits">How many documents matched, of which <paramref name="Hits"/> are the best.</param>
/// <param name="Hits">At most the requested number of hits, best first.</param>
public sealed record SearchResults(int TotalHits, IReadOnlyList<SearchHit> Hits);

/// <summary>
/// Runs search queries against the <see cref="SearchIndex"/>: parses the query language, applies the same
/// filter as ListDocuments, ranks with BM25 and builds snippets. Knows nothing about gRPC.
/// </summary>
/// <param name="index">The index to search.</param>
public sealed class DocumentSearcher(SearchIndex index)
{
    /// <summary>Hits returned when the caller does not say.</summary>
    public const int DefaultLimit = 20;

    /// <summary>Most hits one search returns.</summary>
    public const int MaxLimit = 1000;

    /// <summary>Searches for <paramref name="queryText"/> among the documents <paramref name="filter"/> selects.</summary>
    /// <param name="queryText">The query, in the query language of <see cref="SearchQueryParser"/>.</param>
    /// <param name="filter">Which documents may match; <see cref="DocumentFilter.All"/> for every one.</param>
    /// <param name="limit">Most hits to return, 1 to <see cref="MaxLimit"/>.</param>
    /// <param name="markers">What to put around matched words in snippets; brackets when null.</param>
    /// <exception cref="QuerySyntaxException">The query is malformed or has no searchable word.</exception>
    public SearchResults Search(string queryText, DocumentFilter filter, int limit = DefaultLimit, HighlightMarkers? markers = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLimit);
        var compiled = QueryCompiler.Compile(SearchQueryParser.Parse(queryText), filter, index.Analyzer);
        markers ??= HighlightMarkers.Brackets;
        return index.Search(searcher =>
        {
            var top = searcher.Search(compiled.Query, compiled.Filter, limit);
            var hits = new List<SearchHit>(top.ScoreDocs.Length);
            foreach (var scored in top.ScoreDocs)
            {
                var document = searcher.Doc(scored.Doc);
                var title = document.Get(IndexFields.Title) ?? "";
                var snippet = SnippetBuilder.Build(index.Analyzer, title, document.GetValues(IndexFields.Body), compiled.Highlight, markers);
                hits.Add(new SearchHit(document.Get(IndexFields.Id), title, scored.Score, snippet));
            }

            return new SearchResults(top.TotalHits, hits);
        });
    }
}
