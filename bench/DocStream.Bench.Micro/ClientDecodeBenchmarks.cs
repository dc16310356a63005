using System.Buffers;
using BenchmarkDotNet.Attributes;
using DocStream.Contracts.V1;
using DocStream.Core.Documents.Wire;

namespace DocStream.Bench.Micro;

/// <summary>
/// What the generated C# client does per streamed document once its bytes have arrived: grpc-dotnet copies the
/// message out of the HTTP/2 stream into an array of its own, then the generated parser turns it into a
/// <see cref="StreamDocumentsResponse"/> (the raw bytes into a ByteString, the body and metadata into strings).
/// The document is the largest seed twice over, 17 KB of text and 31 KiB on the wire, the size of the benchmark
/// corpus's mean document; its time is what the stream's client spends beyond reading the bytes.
/// </summary>
[MemoryDiagnoser]
public class ClientDecodeBenchmarks
{
    private const string LargestSeed = "004_88944a9590b6fbb5.txt";
    private byte[] _wire = null!;

    /// <summary>Encodes the message as the server sends it.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var stored = Seeds.Stored(LargestSeed, repeatBody: 2);
        var document = new ArrayBufferWriter<byte>();
        DocumentWireFormat.WriteTo(stored, stored.Parts, document);
        _wire = Google.Protobuf.MessageExtensions.ToByteArray(new StreamDocumentsResponse
        {
            Document = Document.Parser.ParseFrom(document.WrittenSpan),
            ResumeToken = "AQAAAAAAAAABxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        });
    }

    /// <summary>The message copied into a new array of its size, as grpc-dotnet's client does before parsing.</summary>
    [Benchmark(Baseline = true)]
    public byte[] CopyOut()
    {
        var message = new byte[_wire.Length];
        _wire.CopyTo(message, 0);
        return message;
    }

    /// <summary>The copy, then the generated parser on it, as the generated client reads one streamed document.</summary>
    [Benchmark]
    public StreamDocumentsResponse CopyOutAndParse() =>
        StreamDocumentsResponse.Parser.ParseFrom(new ReadOnlySequence<byte>(CopyOut()));
}
