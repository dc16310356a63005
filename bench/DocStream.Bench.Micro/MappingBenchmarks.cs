using System.Buffers;
using BenchmarkDotNet.Attributes;
using DocStream.Contracts.V1;
using DocStream.Core.Documents;
using DocStream.Server.Grpc;
using Google.Protobuf;

namespace DocStream.Bench.Micro;

/// <summary>
/// What the server does per document between the store and the wire: map the stored document to the contract's
/// message and serialize it, for the largest seed (8 KB) and for a 5 MB document sent in chunks.
/// </summary>
[MemoryDiagnoser]
public class MappingBenchmarks
{
    private const string LargestSeed = "004_88944a9590b6fbb5.txt";
    private StoredDocument _small = null!;
    private StoredDocument _large = null!;
    private Document _smallMessage = null!;
    private ArrayBufferWriter<byte> _buffer = null!;

    /// <summary>Builds the stored documents.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _small = Seeds.Stored(LargestSeed);
        _large = Seeds.Stored(LargestSeed, repeatBody: 620);
        _smallMessage = DocumentMapper.ToContract(_small, full: true);
        _buffer = new ArrayBufferWriter<byte>(8 * 1024 * 1024);
    }

    /// <summary>StoredDocument → Document, FULL view, 8 KB seed.</summary>
    [Benchmark]
    public Document MapSmall() => DocumentMapper.ToContract(_small, full: true);

    /// <summary>Serializes the mapped 8 KB document as a StreamDocuments message into a reused buffer.</summary>
    [Benchmark]
    public int SerializeSmall()
    {
        _buffer.ResetWrittenCount();
        var message = new StreamDocumentsResponse { Document = _smallMessage, ResumeToken = "AQAAAAAAAAABxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" };
        message.WriteTo(_buffer);
        return _buffer.WrittenCount;
    }

    /// <summary>Map, then serialize, as the server does per small document.</summary>
    [Benchmark]
    public int MapAndSerializeSmall()
    {
        _buffer.ResetWrittenCount();
        new StreamDocumentsResponse { Document = DocumentMapper.ToContract(_small, full: true) }.WriteTo(_buffer);
        return _buffer.WrittenCount;
    }

    /// <summary>Map a 5 MB document, split it into header and 64 KB chunks, and serialize each frame.</summary>
    [Benchmark]
    public async Task<int> MapAndChunkLarge()
    {
        _buffer.ResetWrittenCount();
        var document = DocumentMapper.ToContract(_large, full: true);
        await DocumentFrames.WriteChunkedAsync(
            document,
            header =>
            {
                new StreamDocumentsResponse { LargeDocument = header }.WriteTo(_buffer);
                return Task.CompletedTask;
            },
            chunk =>
            {
                new StreamDocumentsResponse { Chunk = chunk }.WriteTo(_buffer);
                return Task.CompletedTask;
            });
        return _buffer.WrittenCount;
    }
}
