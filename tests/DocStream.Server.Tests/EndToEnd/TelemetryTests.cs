using System.Net;
using System.Text;
using System.Text.Json;
using DocStream.Contracts.V1;
using DocStream.Testing;
using Google.Protobuf;
using Grpc.Core;
using static DocStream.Server.Tests.EndToEnd.PrometheusScrapes;

namespace DocStream.Server.Tests.EndToEnd;

/// <summary>What an operator scrapes and collects from the real server: Prometheus metrics, OTLP traces, JSON logs.</summary>
public class TelemetryTests
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task PrometheusScrape_AfterAFewCalls_ShowsTheDocStreamCountersMove()
    {
        var metricsUrl = $"http://127.0.0.1:{LoopbackPort.Free()}";
        await using var server = await DocStreamServerProcess.StartAsync(null, $"--Telemetry:PrometheusUrl={metricsUrl}");
        var before = await ScrapeAsync(metricsUrl);

        await Assert.ThrowsAsync<RpcException>(() => server.Client.GetDocumentAsync(new GetDocumentRequest { Name = "documents/0123456789abcdef0123456789abcdef" }).ResponseAsync);
        await server.Client.CreateDocumentAsync(new CreateDocumentRequest { Content = ByteString.CopyFromUtf8("عنوان للقياس\n\nنص قصير للقياس.\n") });
        var streamed = 0;
        using (var stream = server.Client.StreamDocuments(new StreamDocumentsRequest { View = DocumentView.Basic }))
        {
            while (await stream.ResponseStream.MoveNext(CancellationToken.None))
            {
                streamed++;
            }
        }

        using var watch = WatchSession.Open(server.Client, new WatchDocumentsRequest { Start = WatchDocumentsRequest.Types.Start.Now });
        await watch.UntilAsync(m => m.EventCase == WatchDocumentsResponse.EventOneofCase.SnapshotComplete);
        var after = await ScrapeUntilAsync(metricsUrl, scrape => Value(scrape, "docstream_streams_active", "WatchDocuments") == 1);

        Assert.Equal(0, Value(before, "docstream_documents_sent_total", "StreamDocuments"));
        Assert.Equal(6, streamed);
        Assert.Equal(streamed, Value(after, "docstream_documents_sent_total", "StreamDocuments"));
        Assert.True(Value(after, "docstream_document_sent_size_bytes_total", "StreamDocuments") > 1000);
        Assert.Equal(1, Value(after, "docstream_rpc_server_duration_seconds_count", "/GetDocument\"", "grpc_status=\"NOT_FOUND\""));
        Assert.Equal(1, Value(after, "docstream_rpc_server_duration_seconds_count", "/StreamDocuments\"", "grpc_status=\"OK\""));
        Assert.Equal(1, Value(after, "docstream_documents_ingested_total", "outcome=\"created\""));
        Assert.Equal(0, Value(after, "docstream_streams_active", "StreamDocuments"));
        Assert.Contains("docstream_search_index_lag", after, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrometheusScrape_IsServedOnItsOwnPortOnlyAndServesNothingElse()
    {
        var metricsPort = LoopbackPort.Free();
        var metricsUrl = $"http://127.0.0.1:{metricsPort}";
        await using var server = await DocStreamServerProcess.StartAsync(null, $"--Telemetry:PrometheusUrl={metricsUrl}");

        using var onHttpEndpoint = await Http.GetAsync($"{server.HttpAddress}/metrics");
        // A client picks its Host header: claiming the metrics port must not reach the metrics.
        using var spoofed = new HttpRequestMessage(HttpMethod.Get, $"{server.HttpAddress}/metrics");
        spoofed.Headers.Host = $"127.0.0.1:{metricsPort}";
        using var spoofedResponse = await Http.SendAsync(spoofed);
        using var apiOnMetricsPort = await Http.GetAsync($"{metricsUrl}/v1/documents");
        using var deleteOnMetricsPort = await Http.DeleteAsync($"{metricsUrl}/v1/documents/0123456789abcdef0123456789abcdef");

        Assert.Equal(HttpStatusCode.NotFound, onHttpEndpoint.StatusCode);
        Assert.DoesNotContain("# TYPE", await spoofedResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, apiOnMetricsPort.StatusCode);
        Assert.Empty(await apiOnMetricsPort.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, deleteOnMetricsPort.StatusCode);
        Assert.Empty(await deleteOnMetricsPort.Content.ReadAsStringAsync());
        Assert.Contains("# TYPE", await ScrapeAsync(metricsUrl), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_PrometheusUrlNotAnIpAddressAndPort_RefusesToStartSayingWhatToWrite()
    {
        await using var server = DocStreamServerProcess.StartWithoutWaiting("--Telemetry:PrometheusUrl=localhost:9464");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(server.WaitUntilServingAsync);

        Assert.Contains("must be http://ADDRESS:PORT", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Otlp_EndpointConfigured_ExportsASpanPerCall()
    {
        using var collector = new HttpListener();
        var port = LoopbackPort.Free();
        collector.Prefixes.Add($"http://127.0.0.1:{port}/");
        collector.Start();
        var environment = new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{port}",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        };
        await using var server = await DocStreamServerProcess.StartAsync(null, environment);

        await server.Client.ListDocumentsAsync(new ListDocumentsRequest { PageSize = 1 });

        // OTLP/HTTP posts protobuf; the span's name and route are plain UTF-8 inside it.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var context = await collector.GetContextAsync().WaitAsync(timeout.Token);
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body, timeout.Token);
            context.Response.StatusCode = 200;
            context.Response.Close();
            if (context.Request.Url!.AbsolutePath == "/v1/traces" && Encoding.UTF8.GetString(body.ToArray()).Contains("docstream.v1.DocumentService/ListDocuments", StringComparison.Ordinal))
            {
                break;
            }
        }
    }

    [Fact]
    public async Task ConsoleLogs_JsonFormatter_WritesOneJsonObjectPerLine()
    {
        await using var server = await DocStreamServerProcess.StartAsync(null, "--Logging:Console:FormatterName=json");

        var lines = server.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        Assert.NotEmpty(lines);
        Assert.All(lines, line => JsonDocument.Parse(line).Dispose());
        Assert.Contains(lines, line => line.Contains("\"Category\":\"DocStream.Server.Hosting.CorpusStartup\"", StringComparison.Ordinal));
    }
}
