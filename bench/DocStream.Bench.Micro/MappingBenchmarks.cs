using System.Buffers;
using BenchmarkDotNet.Attributes;
using DocStream.Contracts.V1;
using DocStream.Core.Documents;
using DocStream.Server.Application;
using DocStream.Server.Grpc.PreEncoded;
using Google.Protobuf;
using Grpc.Core;

namespace DocStream.Bench.Micro;

/// <summary>
/// What the server does per document between the store and the wire, for the largest seed (8 KB) and for a 5 MB
/// document sent in chunks: the StreamDocuments message written from the stored document as it lies (the server's
/// path), next to the generated serializer writing the same message from a typed <see cref="Document"/> (its peer:
/// the least a typed path costs, before any mapping).
/// </summary>
[MemoryDiagnoser]
public class MappingBenchmarks
{
    private const string LargestSeed = "004_88944a9590b6fbb5.txt";
    private const string ResumeToken = "AQAAAAAAAAABxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
    private StoredDocument _small = null!;
    private StoredDocument _large = null!;
    private Document _smallMessage = null!;
    private DocumentFramer _framer = null!;
    private ArrayBufferWriter<byte> _buffer = null!;

    /// <summary>Builds the stored documents.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _small = Seeds.Stored(LargestSeed);
        _large = Seeds.Stored(LargestSeed, repeatBody: 620);
        _buffer = new ArrayBufferWriter<byte>(8 * 1024 * 1024);
        Write(new StreamFrame(new DocumentFrame(DocumentFrameKind.Whole, _small), "", Flush: true));
        _smallMessage = StreamDocumentsResponse.Parser.ParseFrom(_buffer.WrittenSpan).Document;
        _framer = new DocumentFramer(new MessageBudgets(4 * 1024 * 1024));
    }

    /// <summary>The generated serializer writing the 8 KB document as a StreamDocuments message into a reused buffer.</summary>
    [Benchmark(Baseline = true)]
    public int SerializeTypedSmall()
    {
        _buffer.ResetWrittenCount();
        new StreamDocumentsResponse { Document = _smallMessage, ResumeToken = ResumeToken }.WriteTo(_buffer);
        return _buffer.WrittenCount;
    }

    /// <summary>The server's StreamDocuments marshaller writing the same message from the stored document.</summary>
    [Benchmark]
    public int WriteSmallAsStored() => Write(new StreamFrame(new DocumentFrame(DocumentFrameKind.Whole, _small), ResumeToken, Flush: true));

    /// <summary>The 5 MB document split into a header and 64 KiB chunks, each frame written by the marshaller.</summary>
    [Benchmark]
    public int ChunkLarge()
    {
        var written = 0;
        foreach (var frame in _framer.Frame(_large))
        {
            written += Write(new StreamFrame(frame, ResumeToken, Flush: true));
        }

        return written;
    }

    private int Write(StreamFrame frame)
    {
        _buffer.ResetWrittenCount();
        PreEncodedMarshallers.StreamFrame.ContextualSerializer(frame, new BufferContext(_buffer));
        return _buffer.WrittenCount;
    }

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
