using System.Buffers;
using BenchmarkDotNet.Attributes;
using DocStream.Contracts.V1;
using DocStream.Core.Documents;
using DocStream.Core.Parsing;
using DocStream.Server.Grpc;
using DocStream.Server.Grpc.PreEncoded;
using Google.Protobuf;
using Grpc.Core;

namespace DocStream.Bench.Micro;

/// <summary>
/// What the server does per document between the store and the wire: map the stored document to the contract's
/// message and serialize it, for the largest seed (8 KB) and for a 5 MB document sent in chunks; typed (body
/// decoded into strings and encoded again) and pre-encoded (body passed on as stored).
/// </summary>
[MemoryDiagnoser]
public class MappingBenchmarks
{
    private const string LargestSeed = "004_88944a9590b6fbb5.txt";
    private StoredDocument _small = null!;
    private StoredDocument _large = null!;
    private StoredDocument _smallEncoded = null!;
    private StoredDocument _largeEncoded = null!;
    private Document _smallMessage = null!;
    private ArrayBufferWriter<byte> _buffer = null!;

    /// <summary>Builds the stored documents.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _small = Seeds.Stored(LargestSeed);
        _large = Seeds.Stored(LargestSeed, repeatBody: 620);
        _smallEncoded = Encoded(_small);
        _largeEncoded = Encoded(_large);
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

    /// <summary>The same with the body as stored in its wire form, through the server's StreamDocuments marshaller.</summary>
    [Benchmark]
    public int MapAndSerializeSmallPreEncoded()
    {
        _buffer.ResetWrittenCount();
        var frame = StreamDocumentsFrame.ForDocument(DocumentMapper.ToEncoded(_smallEncoded, full: true), "AQAAAAAAAAABxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
        PreEncodedMarshallers.StreamFrame.ContextualSerializer(frame, new BufferContext(_buffer));
        return _buffer.WrittenCount;
    }

    /// <summary>Map a 5 MB document (body as stored), split it into header and 64 KB chunks, and serialize each frame.</summary>
    [Benchmark]
    public async Task<int> MapAndChunkLarge()
    {
        _buffer.ResetWrittenCount();
        var document = DocumentMapper.ToEncoded(_largeEncoded, full: true);
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

    /// <summary>What the store's encoded reads return for <paramref name="stored"/>.</summary>
    private static StoredDocument Encoded(StoredDocument stored) => stored with
    {
        Parsed = ParsedArticle.Empty,
        EncodedContent = ContentWireFormat.Encode(stored.Parsed.Body, stored.Parsed.ReadAlso),
        EncodedMetadata = MetadataWireFormat.Encode(stored.Parsed),
    };

    /// <summary>What grpc-dotnet hands a marshaller, writing into a reused buffer.</summary>
    private sealed class BufferContext(ArrayBufferWriter<byte> buffer) : SerializationContext
    {
        public override void SetPayloadLength(int payloadLength)
        {
        }

        public override IBufferWriter<byte> GetBufferWriter() => buffer;

        public override void Complete()
        {
        }
    }
}
