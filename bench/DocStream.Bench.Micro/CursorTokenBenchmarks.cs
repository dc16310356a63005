using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using DocStream.Core.Documents;
using DocStream.Core.Paging;
using DocStream.Core.Querying;

namespace DocStream.Bench.Micro;

/// <summary>
/// The resume token StreamDocuments gives every document: made from scratch per document (hashing the query and
/// setting up the HMAC key each time) against one <see cref="QueryCursorTokens"/> per stream.
/// </summary>
[MemoryDiagnoser]
public class CursorTokenBenchmarks
{
    private static readonly CursorScope StreamScope =
        CursorScope.ForStream(FilterParser.Parse("source = \"aljazeera.net\" AND published_time >= \"2023-10-01\""), DocumentParts.Full);

    private readonly CursorTokenCodec _codec = new(RandomNumberGenerator.GetBytes(32));
    private QueryCursorTokens? _streamTokens;
    private long _sequence;

    /// <summary>Opens the per-stream token issuer.</summary>
    [GlobalSetup]
    public void Setup() => _streamTokens = _codec.ForQuery(StreamScope);

    /// <summary>Releases the per-stream token issuer.</summary>
    [GlobalCleanup]
    public void Cleanup() => _streamTokens?.Dispose();

    /// <summary>One token made from the codec alone, as ListDocuments does once per page and StreamDocuments did per document.</summary>
    [Benchmark(Baseline = true)]
    public string PerToken() => _codec.Encode(StreamScope, ++_sequence);

    /// <summary>One token from the stream's own issuer, as StreamDocuments does per document.</summary>
    [Benchmark]
    public string PerStream() => _streamTokens!.Encode(++_sequence);
}
