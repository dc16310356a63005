using System.Globalization;
using DocStream.Bench.Corpus;
using DocStream.Bench.Hosting;
using DocStream.Bench.Load;
using DocStream.Bench.Reporting;
using DocStream.Bench.Shared;
using DocStream.Contracts.V1;
using Grpc.Core;

namespace DocStream.Bench.Scenarios;

/// <summary>
/// SearchDocuments latency per query class on the cached corpus, end to end: one caller, each query repeated for the
/// measured window, every hit (top 20 with snippets) read by the generated client. The queries are
/// <see cref="SearchQueries"/>, shared with <c>bench/DocStream.Search.Bench</c>; the source filter uses the corpus's
/// most frequent source, found on the first page.
/// </summary>
public static class SearchScenario
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(1);

    /// <summary>Runs the scenario; <paramref name="seconds"/> is the measured window of each query in each run.</summary>
    public static async Task RunAsync(int count, string sizeLabel, int runs, int seconds)
    {
        var directory = await CorpusCache.EnsureSqliteAsync(count);
        var log = new ResultLog("search", sizeLabel);
        await using var server = await BenchServer.StartAsync(directory);
        var page = await server.Client.ListDocumentsAsync(new ListDocumentsRequest { PageSize = 1000, View = DocumentView.Basic });
        var source = page.Documents.SelectMany(document => document.Sources).GroupBy(name => name, StringComparer.Ordinal)
            .MaxBy(group => group.Count())?.Key ?? throw new InvalidOperationException("No document on the first page names a source.");
        var requests = SearchQueries.Unfiltered.Select(query => (query.Kind, Request: new SearchDocumentsRequest { Query = query.Query }))
            .Append(("filter: source", new SearchDocumentsRequest { Query = "غزة", Filter = $"source = \"{source}\"" }))
            .Append(("filter: half a year", new SearchDocumentsRequest { Query = "غزة", Filter = "published_time >= \"2022-01-01\" AND published_time < \"2022-07-01\"" }))
            .ToArray();

        foreach (var (kind, request) in requests)
        {
            var (hits, returned) = await SearchAsync(server.Client, request);
            var results = new List<LoadResult>();
            for (var run = 0; run < runs; run++)
            {
                var result = await LoadDriver.RunAsync(1, WarmUp, TimeSpan.FromSeconds(seconds), maxCallsPerCaller: 1_000_000,
                    async (_, _) => await SearchAsync(server.Client, request));
                if (result.Errors > 0)
                {
                    throw new InvalidOperationException($"{request.Query}: {result.Errors} searches failed.");
                }

                results.Add(result);
            }

            var variant = string.Create(CultureInfo.InvariantCulture,
                $"{kind}: {request.Query}{(request.Filter.Length > 0 ? " + " + request.Filter : "")}");
            log.Add(variant, "hits", [hits]);
            log.Add(variant, "p50_ms", results.Select(result => result.Latencies.P50Micros / 1000.0).ToArray());
            log.Add(variant, "p99_ms", results.Select(result => result.Latencies.P99Micros / 1000.0).ToArray());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {variant}: {hits} hits ({returned} returned), p50 {results[0].Latencies.P50Micros / 1000.0:0.00} ms, p99 {results[0].Latencies.P99Micros / 1000.0:0.00} ms over {results[0].Calls} searches"));
        }

        log.Finish();
    }

    private static async Task<(int TotalHits, int Returned)> SearchAsync(DocumentService.DocumentServiceClient client, SearchDocumentsRequest request)
    {
        var totalHits = 0;
        var returned = 0;
        using var call = client.SearchDocuments(request);
        await foreach (var hit in call.ResponseStream.ReadAllAsync())
        {
            totalHits = hit.TotalHits;
            returned++;
        }

        return (totalHits, returned);
    }
}
