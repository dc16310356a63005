using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using DocStream.Core.Paging;

namespace DocStream.Bench.Micro;

/// <summary>
/// The resume token StreamDocuments gives every document: made from scratch per document (hashing the query and
/// setting up the HMAC key each time) against one <see cref="QueryCursorTokens"/> per stream.
/// </summary>
[MemoryDiagnoser]
public class CursorTokenBenchmarks
{
    private const string StreamBinding = "stream|full|source=\"aljazeera.net\" AND published>=2023-10-01";

    private readonly CursorTokenCodec _codec = new(RandomNumberGenerator.GetBytes(32));
    private QueryCursorTokens? _streamTokens;
    private long _sequence;

    /// <summary>Opens the per-stream token issuer.</summary>
    [GlobalSetup]
    public void Setup() => _streamTokens = _codec.ForQuery(StreamBinding);

    /// <summary>Releases the per-stream token issuer.</summary>
    [GlobalCleanup]
    public void Cleanup() => _streamTokens?.Dispose();

    /// <summary>One token made from the codec alone, as ListDocuments does once per page and StreamDocuments did per document.</summary>
    [Benchmark(Baseline = true)]
    public string PerToken() => _codec.Encode(StreamBinding, ++_sequence);

    /// <summary>One token from the stream's own issuer, as StreamDocuments does per document.</summary>
    [Benchmark]
    public string PerStream() => _streamTokens!.Encode(++_sequence);
}
