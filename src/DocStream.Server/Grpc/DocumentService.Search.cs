using DocStream.Contracts.V1;
using DocStream.Core.Documents;
using DocStream.Core.Querying;
using DocStream.Search;
using DocStream.Search.Querying;
using Grpc.Core;

namespace DocStream.Server.Grpc;

/// <summary>Full-text search: the gRPC side only validates, calls <see cref="DocumentSearcher"/> and maps hits.</summary>
public sealed partial class DocumentService
{
    /// <summary>Longest accepted highlight marker, in characters.</summary>
    public const int MaxHighlightMarkerLength = 16;

    /// <inheritdoc />
    public override async Task SearchDocuments(SearchDocumentsRequest request, IServerStreamWriter<SearchDocumentsResponse> responseStream, ServerCallContext context)
    {
        if (request.Limit < 0)
        {
            throw RpcErrors.InvalidArgument("limit", "LIMIT_NEGATIVE",
                $"must be between 0 and {DocumentSearcher.MaxLimit} (0 means {DocumentSearcher.DefaultLimit}); got {request.Limit}");
        }

        var markers = new HighlightMarkers(
            Marker(request.HighlightStart, "highlight_start", HighlightMarkers.Brackets.Start),
            Marker(request.HighlightEnd, "highlight_end", HighlightMarkers.Brackets.End));
        var limit = request.Limit == 0 ? DocumentSearcher.DefaultLimit : Math.Min(request.Limit, DocumentSearcher.MaxLimit);
        var filter = FilterParser.Parse(request.Filter);

        // Writes made through other instances sharing the store are applied before the search runs.
        await searchIndex.CatchUpForSearchAsync(context.CancellationToken);
        var results = searcher.Search(request.Query, filter, limit, markers);
        foreach (var hit in results.Hits)
        {
            await responseStream.WriteAsync(
                new SearchDocumentsResponse
                {
                    Name = DocumentName.Format(hit.Id),
                    Title = hit.Title,
                    Score = hit.Score,
                    Snippet = hit.Snippet,
                    TotalHits = results.TotalHits,
                },
                context.CancellationToken);
        }
    }

    /// <inheritdoc />
    public override async Task<RebuildSearchIndexResponse> RebuildSearchIndex(RebuildSearchIndexRequest request, ServerCallContext context) =>
        new() { IndexedCount = await searchIndex.RebuildAsync(context.CancellationToken) };

    private static string Marker(string value, string field, string fallback)
    {
        if (value.Length > MaxHighlightMarkerLength)
        {
            throw RpcErrors.InvalidArgument(field, "HIGHLIGHT_MARKER_TOO_LONG", $"must be at most {MaxHighlightMarkerLength} characters; got {value.Length}");
        }

        return value.Length == 0 ? fallback : value;
    }
}
