using System.Buffers.Binary;
using System.Diagnostics;
using DocStream.Client;
using DocStream.Contracts.V1;
using DocStream.Core.Documents;
using DocStream.Core.Storage;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

namespace DocStream.Bench.Scenarios;

/// <summary>What one full read of the corpus saw.</summary>
/// <param name="Documents">Whole documents read.</param>
/// <param name="Bytes">Raw content bytes of those documents.</param>
/// <param name="Elapsed">Wall time of the read.</param>
public sealed record ReadStats(long Documents, long Bytes, TimeSpan Elapsed)
{
    /// <summary>Documents per second.</summary>
    public double DocsPerSecond => Documents / Elapsed.TotalSeconds;

    /// <summary>Raw content MiB per second.</summary>
    public double MegabytesPerSecond => Bytes / 1048576.0 / Elapsed.TotalSeconds;
}

/// <summary>The ways a scenario reads the whole corpus.</summary>
public static class Readers
{
    private const int StoreBatch = 64;
    private const long StoreBatchBytes = 8L * 1024 * 1024;

    /// <summary>StreamDocuments (FULL) with the generated client, large documents reassembled.</summary>
    public static async Task<ReadStats> GrpcStreamAsync(DocumentService.DocumentServiceClient client)
    {
        var stopwatch = Stopwatch.StartNew();
        long documents = 0, bytes = 0;
        using var call = client.StreamDocuments(new StreamDocumentsRequest { View = DocumentView.Full });
        await foreach (var (document, _) in call.ResponseStream.ReadDocumentsAsync())
        {
            documents++;
            bytes += document.RawContent.Length;
        }

        return new ReadStats(documents, bytes, stopwatch.Elapsed);
    }

    /// <summary>
    /// StreamDocuments (FULL) through the same grpc-dotnet channel, each response message taken as bytes and not
    /// parsed: the server's side of the stream is unchanged, the client's is only HTTP/2 and gRPC framing. Returns the
    /// messages and the framed bytes read (5-byte prefix and message), the bytes of the recorded stream.
    /// </summary>
    public static async Task<(long Messages, long Bytes)> GrpcStreamUndecodedAsync(GrpcChannel channel)
    {
        var invoker = channel.CreateCallInvoker();
        using var call = invoker.AsyncServerStreamingCall(StreamDocumentsUndecoded, null, new CallOptions(), new StreamDocumentsRequest { View = DocumentView.Full });
        long messages = 0, bytes = 0;
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            messages++;
            bytes += 5 + call.ResponseStream.Current.Length;
        }

        return (messages, bytes);
    }

    private static readonly Method<StreamDocumentsRequest, UnparsedMessage> StreamDocumentsUndecoded = new(
        MethodType.ServerStreaming,
        DocumentService.Descriptor.FullName,
        "StreamDocuments",
        Marshallers.Create(request => request.ToByteArray(), StreamDocumentsRequest.Parser.ParseFrom),
        new Marshaller<UnparsedMessage>(
            (_, _) => throw new NotSupportedException("Responses are only read."),
            context => new UnparsedMessage(context.PayloadLength)));

    private sealed record UnparsedMessage(int Length);

    /// <summary>
    /// The store's own keyset reads of the FULL view, as StreamDocuments does them (parsed fields undecoded, in their
    /// wire form), in the batches the server uses; no gRPC.
    /// </summary>
    public static async Task<ReadStats> StoreAsync(IDocumentStore store)
    {
        var stopwatch = Stopwatch.StartNew();
        long documents = 0, bytes = 0;
        var query = new DocumentQuery { Parts = DocumentParts.Full, Limit = StoreBatch, MaxBytes = StoreBatchBytes };
        while (true)
        {
            var page = await store.Reader.ReadAsync(query, CancellationToken.None);
            foreach (var document in page.Documents)
            {
                documents++;
                bytes += document.RawContent!.Length;
            }

            if (!page.MoreMayFollow)
            {
                return new ReadStats(documents, bytes, stopwatch.Elapsed);
            }

            query = query with { AfterSequence = page.Documents[^1].Sequence };
        }
    }

    /// <summary>
    /// Writes every StreamDocuments message, gRPC-framed (flag byte, big-endian length, message), to
    /// <paramref name="path"/>: the exact bytes of the stream's HTTP/2 DATA frames, for the transport baseline.
    /// </summary>
    public static async Task DumpStreamAsync(DocumentService.DocumentServiceClient client, string path)
    {
        var partial = path + ".partial";
        await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            using var call = client.StreamDocuments(new StreamDocumentsRequest { View = DocumentView.Full });
            var prefix = new byte[5];
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
                var message = call.ResponseStream.Current;
                var bytes = message.ToByteArray();
                BinaryPrimitives.WriteUInt32BigEndian(prefix.AsSpan(1), (uint)bytes.Length);
                file.Write(prefix);
                file.Write(bytes);
            }
        }

        File.Move(partial, path, overwrite: true);
    }
}
