using System.Buffers;
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

    /// <summary>
    /// StreamDocuments in <paramref name="view"/> (FULL by default) with the generated client, large documents
    /// reassembled. The bytes are those of the raw content read, so zero in a view without it.
    /// </summary>
    public static async Task<ReadStats> GrpcStreamAsync(DocumentService.DocumentServiceClient client, DocumentView view = DocumentView.Full)
    {
        var stopwatch = Stopwatch.StartNew();
        long documents = 0, bytes = 0;
        using var call = client.StreamDocuments(new StreamDocumentsRequest { View = view });
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
    /// WatchDocuments (START_SNAPSHOT, FULL) with the generated client and <c>ReadEventsAsync</c> (large documents
    /// reassembled) until <c>snapshot_complete</c>, then cancelled: the snapshot is the change feed read from its start.
    /// </summary>
    public static async Task<ReadStats> GrpcWatchSnapshotAsync(DocumentService.DocumentServiceClient client)
    {
        var stopwatch = Stopwatch.StartNew();
        long documents = 0, bytes = 0;
        using var call = client.WatchDocuments(new WatchDocumentsRequest { Start = WatchDocumentsRequest.Types.Start.Snapshot, View = DocumentView.Full });
        await foreach (var watchEvent in call.ResponseStream.ReadEventsAsync())
        {
            switch (watchEvent.Kind)
            {
                case WatchEventKind.Change:
                    documents++;
                    bytes += watchEvent.Change!.Document.RawContent.Length;
                    break;
                case WatchEventKind.SnapshotComplete:
                    return new ReadStats(documents, bytes, stopwatch.Elapsed);
            }
        }

        throw new InvalidOperationException($"The watch ended after {documents} documents, before snapshot_complete.");
    }

    /// <summary>
    /// WatchDocuments (START_SNAPSHOT, FULL) through the same grpc-dotnet channel, each response message taken as
    /// bytes, as <see cref="GrpcStreamUndecodedAsync"/> takes StreamDocuments': only the top-level tags are looked at,
    /// to tell a change from <c>snapshot_complete</c> (the event is the message's first field), no field is parsed.
    /// Returns the changes, messages and framed bytes read up to and including <c>snapshot_complete</c>.
    /// </summary>
    public static async Task<(long Changes, long Messages, long Bytes)> GrpcWatchSnapshotUndecodedAsync(GrpcChannel channel)
    {
        var invoker = channel.CreateCallInvoker();
        using var call = invoker.AsyncServerStreamingCall(WatchDocumentsUndecoded, null, new CallOptions(),
            new WatchDocumentsRequest { Start = WatchDocumentsRequest.Types.Start.Snapshot, View = DocumentView.Full });
        long changes = 0, messages = 0, bytes = 0;
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            var message = call.ResponseStream.Current;
            messages++;
            bytes += 5 + message.Length;
            switch (message.EventField)
            {
                case WatchDocumentsResponse.ChangeFieldNumber:
                    changes++;
                    break;
                case WatchDocumentsResponse.SnapshotCompleteFieldNumber:
                    return (changes, messages, bytes);
            }
        }

        throw new InvalidOperationException($"The watch ended after {changes} changes, before snapshot_complete.");
    }

    private static readonly Method<WatchDocumentsRequest, UnparsedWatchMessage> WatchDocumentsUndecoded = new(
        MethodType.ServerStreaming,
        DocumentService.Descriptor.FullName,
        "WatchDocuments",
        Marshallers.Create(request => request.ToByteArray(), WatchDocumentsRequest.Parser.ParseFrom),
        new Marshaller<UnparsedWatchMessage>(
            (_, _) => throw new NotSupportedException("Responses are only read."),
            context => new UnparsedWatchMessage(context.PayloadLength, EventField(context.PayloadAsReadOnlySequence()))));

    private sealed record UnparsedWatchMessage(int Length, int EventField);

    // The field number of a WatchDocumentsResponse's event (1 to 5), from its top-level tags; other fields are skipped
    // by their lengths, none is parsed.
    private static int EventField(ReadOnlySequence<byte> payload)
    {
        var reader = new SequenceReader<byte>(payload);
        while (!reader.End)
        {
            var tag = ReadVarint(ref reader);
            var field = (int)(tag >> 3);
            if (field is >= WatchDocumentsResponse.ChangeFieldNumber and <= WatchDocumentsResponse.ChunkFieldNumber)
            {
                return field;
            }

            switch (tag & 7)
            {
                case 0:
                    ReadVarint(ref reader);
                    break;
                case 2:
                    reader.Advance((long)ReadVarint(ref reader));
                    break;
                default:
                    throw new InvalidDataException($"Unexpected wire type {tag & 7} of field {field} in a WatchDocumentsResponse.");
            }
        }

        return 0;
    }

    private static ulong ReadVarint(ref SequenceReader<byte> reader)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (!reader.TryRead(out var next))
            {
                throw new InvalidDataException("A WatchDocumentsResponse ends inside a varint.");
            }

            value |= (ulong)(next & 0x7F) << shift;
            if (next < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("A varint in a WatchDocumentsResponse is longer than 10 bytes.");
    }

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
    /// The store's change feed read from its start in the FULL view, in the pages a watch reads it (64 changes,
    /// <see cref="StoreBatchBytes"/>); no gRPC. What a catching-up watch reads, as <see cref="StoreAsync"/> is what
    /// StreamDocuments reads.
    /// </summary>
    public static async Task<ReadStats> ChangeFeedAsync(IDocumentStore store)
    {
        var stopwatch = Stopwatch.StartNew();
        long documents = 0, bytes = 0;
        var query = new ChangeQuery { Parts = DocumentParts.Full, Limit = StoreBatch, MaxBytes = StoreBatchBytes };
        while (true)
        {
            var page = await store.Changes.ReadAsync(query, CancellationToken.None);
            foreach (var change in page.Changes)
            {
                if (change.Document is { } document)
                {
                    documents++;
                    bytes += document.RawContent!.Length;
                }
            }

            if (!page.MoreMayFollow || page.Changes.Count == 0)
            {
                return new ReadStats(documents, bytes, stopwatch.Elapsed);
            }

            query = query with { AfterChange = page.Changes[^1].Change };
        }
    }

    /// <summary>
    /// Writes every StreamDocuments message in <paramref name="view"/>, gRPC-framed (flag byte, big-endian length,
    /// message), to <paramref name="path"/>: the exact bytes of the stream's HTTP/2 DATA frames, for the transport
    /// baseline and the bare gRPC service (<see cref="Hosting.RecordedStream"/>).
    /// </summary>
    public static async Task DumpStreamAsync(DocumentService.DocumentServiceClient client, string path, DocumentView view = DocumentView.Full)
    {
        var partial = path + ".partial";
        await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            using var call = client.StreamDocuments(new StreamDocumentsRequest { View = view });
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
