using System.Buffers.Binary;
using System.Diagnostics;
using DocStream.Client;
using DocStream.Contracts.V1;
using DocStream.Core.Querying;
using DocStream.Core.Storage;
using Google.Protobuf;

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
    /// The store's own keyset reads of the FULL view, as StreamDocuments does them (content undecoded, in its wire
    /// form), in the batches the server uses; no gRPC.
    /// </summary>
    public static async Task<ReadStats> StoreAsync(IDocumentStore store)
    {
        var stopwatch = Stopwatch.StartNew();
        long documents = 0, bytes = 0, after = 0;
        while (true)
        {
            var batch = await store.ReadEncodedAfterAsync(DocumentFilter.All, after, StoreBatch, StoreBatchBytes, CancellationToken.None);
            if (batch.Count == 0)
            {
                return new ReadStats(documents, bytes, stopwatch.Elapsed);
            }

            foreach (var document in batch)
            {
                documents++;
                bytes += document.RawContent!.Length;
                after = document.Sequence;
            }
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
