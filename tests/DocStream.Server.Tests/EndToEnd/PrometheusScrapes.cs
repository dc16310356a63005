using System.Globalization;

namespace DocStream.Server.Tests.EndToEnd;

/// <summary>Reads a server's Prometheus endpoint (<c>Telemetry:PrometheusUrl</c>) as a scraper does.</summary>
internal static class PrometheusScrapes
{
    private static readonly HttpClient Http = new();

    /// <summary>One scrape of <paramref name="metricsUrl"/>'s <c>/metrics</c>.</summary>
    public static Task<string> ScrapeAsync(string metricsUrl) => Http.GetStringAsync($"{metricsUrl}/metrics");

    /// <summary>Scrapes until <paramref name="ready"/> holds, for at most 15 seconds: the exporter caches a scrape for a moment.</summary>
    public static async Task<string> ScrapeUntilAsync(string metricsUrl, Func<string, bool> ready)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var scrape = await ScrapeAsync(metricsUrl);
            if (ready(scrape) || DateTime.UtcNow > deadline)
            {
                return scrape;
            }

            await Task.Delay(200);
        }
    }

    /// <summary>The value of the series of <paramref name="metric"/> whose labels contain every one of <paramref name="labels"/>; 0 when there is none.</summary>
    public static double Value(string scrape, string metric, params string[] labels) =>
        scrape.Split('\n')
            .Where(line => line.StartsWith(metric + "{", StringComparison.Ordinal) && labels.All(label => line.Contains(label, StringComparison.Ordinal)))
            .Select(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture))
            .DefaultIfEmpty(0)
            .Sum();
}
