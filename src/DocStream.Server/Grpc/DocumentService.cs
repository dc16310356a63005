using DocStream.Contracts.V1;
using DocStream.Core.Documents;
using DocStream.Core.Ingest;
using DocStream.Core.Querying;
using DocStream.Core.Storage;
using DocStream.Search;
using DocStream.Search.Indexing;
using DocStream.Server.Extensions;
using DocStream.Server.Grpc.PreEncoded;
using DocStream.Server.Hosting;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace DocStream.Server.Grpc;

/// <summary>
/// The gRPC face of the document store: validates requests, calls the domain, maps the answers. GetDocument and
/// StreamDocuments are mapped by <see cref="PreEncodedMethods"/>, the other methods by the generated binder.
/// </summary>
[BindServiceMethod(typeof(DocumentService), nameof(BindService))]
public sealed partial class DocumentService(
    IDocumentStore store,
    DocumentIngestor ingestor,
    DocumentPreparer preparer,
    ServiceReadiness readiness,
    IOptions<LimitOptions> limitOptions,
    ILogger<DocumentService> logger,
    DocumentSearcher searcher,
    SearchIndexingDocumentStore searchIndexing) : Contracts.V1.DocumentService.DocumentServiceBase
{
    /// <summary>Largest number of names one BatchGetDocuments call may ask for.</summary>
    public const int MaxBatchNames = 1000;

    /// <summary>Page size used when the caller gives none.</summary>
    public const int DefaultPageSize = 50;

    /// <summary>Largest page; bigger requests are lowered to it (AIP-158).</summary>
    public const int MaxPageSize = 1000;

    private const int StreamBatchSize = 64;
    private const int StreamFlushBytes = 64 * 1024;
    private const int ImportBatchSize = 256;
    private const long ImportBatchBytes = 16L * 1024 * 1024;

    private static readonly WriteOptions BufferedWrite = new(WriteFlags.BufferHint);

    private int MaxMessageBytes => limitOptions.Value.MaxMessageBytes;

    /// <summary>Found by grpc-dotnet through the attribute above: binds the generated methods but the pre-encoded ones.</summary>
    public static void BindService(ServiceBinderBase serviceBinder, Contracts.V1.DocumentService.DocumentServiceBase service) =>
        Contracts.V1.DocumentService.BindService(PreEncodedMethods.WithoutPreEncoded(serviceBinder), service);

    /// <inheritdoc />
    public override async Task<Document> CreateDocument(CreateDocumentRequest request, ServerCallContext context)
    {
        var result = await ingestor.IngestAsync(request.Content.ToByteArray(), request.SourceUri, context.CancellationToken);
        return DocumentMapper.ToContract(result.Document, full: false);
    }

    /// <inheritdoc />
    public override async Task<ImportDocumentsResponse> ImportDocuments(IAsyncStreamReader<ImportDocumentsRequest> requestStream, ServerCallContext context)
    {
        var response = new ImportDocumentsResponse();
        var pending = new List<(ImportResult Result, NewDocument Document)>();
        long pendingBytes = 0;
        var index = 0;
        await foreach (var item in requestStream.ReadAllAsync(context.CancellationToken))
        {
            var result = new ImportResult { Index = index++, SourceUri = item.SourceUri };
            response.Results.Add(result);
            try
            {
                var document = preparer.Prepare(item.Content.ToByteArray(), item.SourceUri);
                pending.Add((result, document));
                pendingBytes += document.RawContent.Length;
            }
            catch (InvalidDocumentException ex)
            {
                result.Outcome = ImportResult.Types.Outcome.Failed;
                result.Error = $"{ex.Reason}: {ex.Message}";
            }

            if (pending.Count >= ImportBatchSize || pendingBytes >= ImportBatchBytes)
            {
                await StoreBatchAsync(pending, context.CancellationToken);
                pendingBytes = 0;
            }
        }

        await StoreBatchAsync(pending, context.CancellationToken);
        foreach (var result in response.Results)
        {
            switch (result.Outcome)
            {
                case ImportResult.Types.Outcome.Created: response.CreatedCount++; break;
                case ImportResult.Types.Outcome.Unchanged: response.UnchangedCount++; break;
                default: response.FailedCount++; break;
            }
        }

        return response;
    }

    /// <summary>GetDocument (see <see cref="PreEncodedMethods"/>).</summary>
    public async Task<EncodedDocument> GetDocumentEncoded(GetDocumentRequest request, ServerCallContext context)
    {
        var id = ParseName(request.Name, "name");
        var full = DocumentMapper.IsFull(request.View, DocumentView.Full);
        var document = await FindEncodedAsync(id, full, context.CancellationToken) ?? throw RpcErrors.DocumentNotFound(request.Name);
        if (DocumentFrames.NeedsChunking(document, MaxMessageBytes))
        {
            throw RpcErrors.DocumentTooLargeForMessage(document.Name, document.Size, MaxMessageBytes);
        }

        return document;
    }

    /// <inheritdoc />
    public override async Task BatchGetDocuments(BatchGetDocumentsRequest request, IServerStreamWriter<BatchGetDocumentsResponse> responseStream, ServerCallContext context)
    {
        if (request.Names.Count == 0 || request.Names.Count > MaxBatchNames)
        {
            throw RpcErrors.InvalidArgument("names", "NAMES_COUNT_OUT_OF_RANGE", $"give between 1 and {MaxBatchNames} names; got {request.Names.Count}");
        }

        var ids = request.Names.Select((name, i) => ParseName(name, $"names[{i}]")).ToArray();
        var full = DocumentMapper.IsFull(request.View, DocumentView.Full);
        var cancellationToken = context.CancellationToken;
        for (var i = 0; i < ids.Length; i++)
        {
            var document = await FindEncodedAsync(ids[i], full, cancellationToken);
            if (document is null)
            {
                await responseStream.WriteAsync(new BatchGetDocumentsResponse { Missing = request.Names[i] }, cancellationToken);
                continue;
            }

            if (DocumentFrames.NeedsChunking(document, MaxMessageBytes))
            {
                await DocumentFrames.WriteChunkedAsync(
                    document,
                    header => responseStream.WriteAsync(new BatchGetDocumentsResponse { LargeDocument = header }, cancellationToken),
                    chunk => responseStream.WriteAsync(new BatchGetDocumentsResponse { Chunk = chunk }, cancellationToken));
            }
            else
            {
                await responseStream.WriteAsync(new BatchGetDocumentsResponse { Found = document.ToMessage() }, cancellationToken);
            }
        }
    }

    /// <inheritdoc />
    public override async Task<ListDocumentsResponse> ListDocuments(ListDocumentsRequest request, ServerCallContext context)
    {
        if (request.PageSize < 0)
        {
            throw RpcErrors.InvalidArgument("page_size", "PAGE_SIZE_NEGATIVE", $"must be between 0 and {MaxPageSize} (0 means {DefaultPageSize}); got {request.PageSize}");
        }

        var pageSize = request.PageSize == 0 ? DefaultPageSize : Math.Min(request.PageSize, MaxPageSize);
        var filter = FilterParser.Parse(request.Filter);
        var full = DocumentMapper.IsFull(request.View, DocumentView.Basic);
        var binding = QueryBinding("list", filter, full);
        var after = string.IsNullOrEmpty(request.PageToken) ? 0 : readiness.Tokens.Decode(request.PageToken, binding);

        // One extra row tells whether another page follows without a second query.
        var readBudget = MaxMessageBytes / 2;
        var rows = await store.ReadAfterAsync(filter, after, pageSize + 1, readBudget, full, context.CancellationToken);
        var response = new ListDocumentsResponse();
        var budget = MaxMessageBytes - 4096;
        long pageBytes = 0;
        foreach (var row in rows.Take(pageSize))
        {
            var document = DocumentMapper.ToContract(row, full);
            // A running total: sizing the whole response again for every document would be quadratic in the page size.
            var documentBytes = document.CalculateSize();
            var entryBytes = 1 + CodedOutputStream.ComputeLengthSize(documentBytes) + documentBytes;
            if (response.Documents.Count > 0 && pageBytes + entryBytes > budget)
            {
                break;
            }

            if (DocumentFrames.NeedsChunking(documentBytes, MaxMessageBytes))
            {
                throw RpcErrors.DocumentTooLargeForMessage(document.Name, documentBytes, MaxMessageBytes);
            }

            response.Documents.Add(document);
            pageBytes += entryBytes;
        }

        // When the store stopped at its byte budget more rows may follow; an empty last page is allowed (AIP-158).
        var stoppedAtBudget = full && rows.Sum(row => row.SizeBytes) >= readBudget;
        if (response.Documents.Count < rows.Count || (stoppedAtBudget && response.Documents.Count > 0))
        {
            var last = rows[response.Documents.Count - 1];
            response.NextPageToken = readiness.Tokens.Encode(binding, last.Sequence);
        }

        return response;
    }

    /// <summary>StreamDocuments (see <see cref="PreEncodedMethods"/>).</summary>
    public async Task StreamDocumentsEncoded(StreamDocumentsRequest request, IServerStreamWriter<StreamDocumentsFrame> responseStream, ServerCallContext context)
    {
        var filter = FilterParser.Parse(request.Filter);
        var full = DocumentMapper.IsFull(request.View, DocumentView.Full);
        var binding = QueryBinding("stream", filter, full);
        var tokens = readiness.Tokens;
        var after = string.IsNullOrEmpty(request.ResumeToken) ? 0 : tokens.Decode(request.ResumeToken, binding);
        using var resumeTokens = tokens.ForQuery(binding);
        var cancellationToken = context.CancellationToken;
        var resumeToken = request.ResumeToken;
        var messages = 0;
        try
        {
            while (true)
            {
                var batch = full
                    ? await store.ReadEncodedAfterAsync(filter, after, StreamBatchSize, MaxMessageBytes * 2L, cancellationToken)
                    : await store.ReadAfterAsync(filter, after, StreamBatchSize, MaxMessageBytes * 2L, includeContent: false, cancellationToken);
                if (batch.Count == 0)
                {
                    return;
                }

                long unflushedBytes = 0;
                for (var i = 0; i < batch.Count; i++)
                {
                    var stored = batch[i];
                    var document = DocumentMapper.ToEncoded(stored, full);
                    var previousToken = resumeToken;
                    resumeToken = resumeTokens.Encode(stored.Sequence);
                    if (DocumentFrames.NeedsChunking(document, MaxMessageBytes))
                    {
                        // Until the last chunk is out, a resume must restart this document, so the token stays the previous one.
                        responseStream.WriteOptions = null;
                        unflushedBytes = 0;
                        await DocumentFrames.WriteChunkedAsync(
                            document,
                            header =>
                            {
                                messages++;
                                return responseStream.WriteAsync(
                                    StreamDocumentsFrame.ForMessage(new StreamDocumentsResponse { LargeDocument = header, ResumeToken = previousToken }), cancellationToken);
                            },
                            chunk =>
                            {
                                messages++;
                                return responseStream.WriteAsync(
                                    StreamDocumentsFrame.ForMessage(new StreamDocumentsResponse { Chunk = chunk, ResumeToken = chunk.LastChunk ? resumeToken : previousToken }),
                                    cancellationToken);
                            });
                    }
                    else
                    {
                        // Small documents go out in socket writes of about StreamFlushBytes rather than one each; the
                        // last of a batch is flushed before the next store read.
                        unflushedBytes += document.Size;
                        var flush = unflushedBytes >= StreamFlushBytes || i == batch.Count - 1;
                        responseStream.WriteOptions = flush ? null : BufferedWrite;
                        messages++;
                        await responseStream.WriteAsync(StreamDocumentsFrame.ForDocument(document, resumeToken), cancellationToken);
                        unflushedBytes = flush ? 0 : unflushedBytes;
                    }

                    after = stored.Sequence;
                }
            }
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            LogStreamCancelled(context.Peer, messages);
            throw;
        }
    }

    /// <inheritdoc />
    public override async Task<Google.Protobuf.WellKnownTypes.Empty> DeleteDocument(DeleteDocumentRequest request, ServerCallContext context)
    {
        var id = ParseName(request.Name, "name");
        var outcome = await store.DeleteAsync(id, string.IsNullOrEmpty(request.Etag) ? null : request.Etag, context.CancellationToken);
        return outcome switch
        {
            DeleteOutcome.Deleted => new Google.Protobuf.WellKnownTypes.Empty(),
            DeleteOutcome.NotFound when request.AllowMissing => new Google.Protobuf.WellKnownTypes.Empty(),
            DeleteOutcome.NotFound => throw RpcErrors.DocumentNotFound(request.Name),
            _ => throw RpcErrors.EtagMismatch(request.Name),
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "StreamDocuments for {Peer} stopped: the client went away or its deadline passed after {Messages} messages")]
    private partial void LogStreamCancelled(string peer, int messages);

    private static string ParseName(string name, string field) =>
        DocumentName.TryParse(name, out var id, out var reason) ? id : throw RpcErrors.InvalidArgument(field, "NAME_INVALID", reason);

    private static string QueryBinding(string method, DocumentFilter filter, bool full) =>
        $"{method}|{(full ? "full" : "basic")}|{filter.ToCanonicalString()}";

    private async Task<EncodedDocument?> FindEncodedAsync(string id, bool full, CancellationToken cancellationToken)
    {
        var stored = full ? await store.FindEncodedAsync(id, cancellationToken) : await store.FindAsync(id, includeContent: false, cancellationToken);
        return stored is null ? null : DocumentMapper.ToEncoded(stored, full);
    }

    private async Task StoreBatchAsync(List<(ImportResult Result, NewDocument Document)> pending, CancellationToken cancellationToken)
    {
        if (pending.Count == 0)
        {
            return;
        }

        var stored = await store.AddManyAsync(pending.Select(p => p.Document).ToArray(), cancellationToken);
        for (var i = 0; i < pending.Count; i++)
        {
            pending[i].Result.Outcome = stored[i].Created ? ImportResult.Types.Outcome.Created : ImportResult.Types.Outcome.Unchanged;
            pending[i].Result.Name = DocumentName.Format(stored[i].Document.Id);
        }

        pending.Clear();
    }
}
