using System.Diagnostics.Metrics;

namespace DocStream.Server.Telemetry;

/// <summary>
/// The DocStream meter (<see cref="MeterName"/>): calls by method and status with durations, documents and bytes
/// sent, open streams, documents ingested and how far the search index is behind the store. OpenTelemetry exports
/// it (Prometheus, OTLP) next to ASP.NET Core's own HTTP metrics.
/// </summary>
public sealed class DocStreamMetrics
{
    /// <summary>The meter's name, as exporters select it.</summary>
    public const string MeterName = "DocStream.Server";

    /// <summary>The tag of the full method name, named as in gRPC's own OpenTelemetry metrics (gRFC A66).</summary>
    public const string MethodTag = "grpc.method";

    /// <summary>The tag of a call's status code by its canonical name (<c>NOT_FOUND</c>), as in gRFC A66.</summary>
    public const string StatusTag = "grpc.status";

    /// <summary>From half a millisecond (a GetDocument) to ten minutes (a long stream); watches stay open longer.</summary>
    private static readonly double[] DurationBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 600];

    /// <summary>The canonical names of the status codes ("NOT_FOUND"), as gRPC's own metrics label them.</summary>
    private static readonly Dictionary<global::Grpc.Core.StatusCode, string> StatusNames = Enum.GetValues<global::Grpc.Core.StatusCode>()
        .ToDictionary(code => code, code => CanonicalName(code.ToString()));

    private readonly Histogram<double> _callDuration;
    private readonly Counter<long> _documentsSent;
    private readonly Counter<long> _documentBytesSent;
    private readonly UpDownCounter<long> _activeStreams;
    private readonly Counter<long> _documentsIngested;

    /// <summary>Creates the instruments on a meter of <paramref name="meterFactory"/>.</summary>
    public DocStreamMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _callDuration = meter.CreateHistogram<double>("docstream.rpc.server.duration", "s",
            "Duration of gRPC calls (a stream's whole life), by method and status.", tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _documentsSent = meter.CreateCounter<long>("docstream.documents.sent", "{document}",
            "Documents in responses (reads, and the document CreateDocument answers with), by method.");
        _documentBytesSent = meter.CreateCounter<long>("docstream.document.sent.size", "By",
            "Serialized document bytes in responses (wire size of the documents, whole or in chunks), by method.");
        _activeStreams = meter.CreateUpDownCounter<long>("docstream.streams.active", "{stream}",
            "Calls with a stream open now (every server-streaming, client-streaming and bidirectional method), by method.");
        _documentsIngested = meter.CreateCounter<long>("docstream.documents.ingested", "{document}",
            "Documents received by CreateDocument, ImportDocuments and ImportDocumentBatches, by outcome: created, unchanged or failed.");
        meter.CreateObservableGauge("docstream.search.index.lag", () => IndexLag, "{change}",
            "Store changes the search index has not applied yet, as last sampled.");
    }

    /// <summary>"DeadlineExceeded" as "DEADLINE_EXCEEDED", "OK" as "OK".</summary>
    private static string CanonicalName(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) && char.IsLower(name[i - 1]) ? "_" + c : c.ToString())).ToUpperInvariant();

    private long _indexLag;

    /// <summary>The last sampled index lag (see <see cref="IndexLagSampler"/>), written and read on different threads.</summary>
    public long IndexLag
    {
        get => Interlocked.Read(ref _indexLag);
        set => Interlocked.Exchange(ref _indexLag, value);
    }

    /// <summary>Records one finished call of <paramref name="method"/> (<c>docstream.v1.DocumentService/GetDocument</c>).</summary>
    public void CallEnded(string method, global::Grpc.Core.StatusCode status, TimeSpan duration) =>
        _callDuration.Record(duration.TotalSeconds, new(MethodTag, method), new(StatusTag, StatusNames.GetValueOrDefault(status, status.ToString())));

    /// <summary>Records what one response message carried of documents.</summary>
    public void Sent(string method, SentDocuments sent)
    {
        if (sent.Documents > 0)
        {
            _documentsSent.Add(sent.Documents, new KeyValuePair<string, object?>(MethodTag, method));
        }

        if (sent.Bytes > 0)
        {
            _documentBytesSent.Add(sent.Bytes, new KeyValuePair<string, object?>(MethodTag, method));
        }
    }

    /// <summary>A streaming call opened (+1) or ended (-1).</summary>
    public void StreamsChanged(string method, int delta) => _activeStreams.Add(delta, new KeyValuePair<string, object?>(MethodTag, method));

    /// <summary>Records one ingested item's outcome, one of <see cref="IngestOutcomes"/>.</summary>
    public void Ingested(string outcome) => _documentsIngested.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}

/// <summary>The values of the <c>outcome</c> tag of <c>docstream.documents.ingested</c>.</summary>
public static class IngestOutcomes
{
    /// <summary>Stored for the first time.</summary>
    public const string Created = "created";

    /// <summary>The same bytes were already stored.</summary>
    public const string Unchanged = "unchanged";

    /// <summary>Rejected.</summary>
    public const string Failed = "failed";
}
