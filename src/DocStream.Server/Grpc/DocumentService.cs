using DocStream.Contracts.V1;
using DocStream.Core.Documents;
using DocStream.Core.Ingest;
using DocStream.Core.Querying;
using DocStream.Core.Storage;
using DocStream.Search;
using DocStream.Search.Indexing;
using DocStream.Server.Application;
using DocStream.Server.Grpc.PreEncoded;
using DocStream.Server.Telemetry;
using Grpc.Core;

namespace DocStream.Server.Grpc;

/// <summary>
/// The gRPC face of DocStream: validates requests, calls one application service per method, maps the answers.
/// The methods that answer with documents are mapped by <see cref="DocumentServiceMethods"/> and send them as the
/// store read them; the others are mapped by the generated binder. Domain failures become statuses in
/// <see cref="ErrorTranslationInterceptor"/>.
/// </summary>
[BindServiceMethod(typeof(DocumentService), nameof(BindService))]
public sealed partial class DocumentService(
    DocumentIngestor ingestor,
    IDocumentWriter writer,
    DocumentLookup lookup,
    DocumentPager pager,
    DocumentStreamer streamer,
    DocumentWatcher watcher,
    DocumentSearcher searcher,
    SearchIndexFollower searchIndex,
    StoryCatalog storyCatalog,
    StoryRegrouper regrouper,
    IHostApplicationLifetime lifetime,
    DocStreamMetrics metrics,
    ILogger<DocumentService> logger) : Contracts.V1.DocumentService.DocumentServiceBase
{
    private static readonly WriteOptions BufferedWrite = new(WriteFlags.BufferHint);

    /// <summary>The contract's service, looked up beside <see cref="BindService"/> by JSON transcoding (for its HTTP rules).</summary>
    public static Google.Protobuf.Reflection.ServiceDescriptor Descriptor => Contracts.V1.DocumentService.Descriptor;

    /// <summary>
    /// Found by grpc-dotnet through the attribute above: binds the generated methods but the pre-encoded ones for gRPC.
    /// JSON transcoding's binder, found the same way, gets every method: its HTTP routes never meet the gRPC ones, and it
    /// calls the typed overrides (DocumentService.Transcoded.cs). The binder is known by its namespace, the one
    /// thing its package exposes of it; HttpEndpointTests fail if an update of the package moves it.
    /// </summary>
    public static void BindService(ServiceBinderBase serviceBinder, Contracts.V1.DocumentService.DocumentServiceBase service)
    {
        ArgumentNullException.ThrowIfNull(serviceBinder);
        var transcoding = serviceBinder.GetType().Namespace?.StartsWith("Microsoft.AspNetCore.Grpc.JsonTranscoding", StringComparison.Ordinal) == true;
        Contracts.V1.DocumentService.BindService(transcoding ? serviceBinder : DocumentServiceMethods.WithoutPreEncoded(serviceBinder), service);
    }

    /// <summary>CreateDocument: the stored document in BASIC view.</summary>
    public async Task<StoredDocument> CreateDocumentEncoded(CreateDocumentRequest request, ServerCallContext context)
    {
        AddResult stored;
        try
        {
            stored = await ingestor.IngestAsync(request.Content.ToByteArray(), request.SourceUri, context.CancellationToken);
        }
        catch (InvalidDocumentException)
        {
            metrics.Ingested(IngestOutcomes.Failed);
            throw;
        }

        metrics.Ingested(stored.Created ? IngestOutcomes.Created : IngestOutcomes.Unchanged);
        return stored.Document;
    }

    /// <inheritdoc />
    public override async Task<ImportDocumentsResponse> ImportDocuments(IAsyncStreamReader<ImportDocumentsRequest> requestStream, ServerCallContext context)
    {
        var response = new ImportDocumentsResponse();
        var items = ReadItemsAsync(requestStream, item => new RawDocument(item.Content.ToByteArray(), item.SourceUri), context.CancellationToken);
        await foreach (var outcome in ingestor.IngestManyAsync(items, context.CancellationToken))
        {
            var result = ToImportResult(outcome);
            switch (result.Outcome)
            {
                case ImportResult.Types.Outcome.Created:
                    response.CreatedCount++;
                    break;
                case ImportResult.Types.Outcome.Unchanged:
                    response.UnchangedCount++;
                    break;
                default:
                    response.FailedCount++;
                    break;
            }

            response.Results.Add(result);
        }

        return response;
    }

    /// <inheritdoc />
    public override async Task ImportDocumentBatches(
        IAsyncStreamReader<ImportDocumentBatchesRequest> requestStream, IServerStreamWriter<ImportDocumentBatchesResponse> responseStream, ServerCallContext context)
    {
        var items = ReadItemsAsync(requestStream, item => new RawDocument(item.Content.ToByteArray(), item.SourceUri), context.CancellationToken);
        await foreach (var batch in ingestor.IngestBatchesAsync(items, commitWhenInputWaits: true, context.CancellationToken))
        {
            var acknowledgement = new ImportDocumentBatchesResponse();
            acknowledgement.Results.AddRange(batch.Select(ToImportResult));
            await responseStream.WriteAsync(acknowledgement, context.CancellationToken);
        }
    }

    /// <summary>GetDocument.</summary>
    public Task<StoredDocument> GetDocumentEncoded(GetDocumentRequest request, ServerCallContext context) =>
        lookup.GetAsync(RequestFields.DocumentId(request.Name, "name"), RequestFields.Parts(request.View, DocumentView.Full), context.CancellationToken);

    /// <summary>BatchGetDocuments.</summary>
    public async Task BatchGetDocumentsEncoded(BatchGetDocumentsRequest request, IServerStreamWriter<LookupFrame> responseStream, ServerCallContext context)
    {
        if (request.Names.Count is 0 or > DocumentLookup.MaxBatchIds)
        {
            throw RpcErrors.InvalidArgument("names", "NAMES_COUNT_OUT_OF_RANGE", $"give between 1 and {DocumentLookup.MaxBatchIds} names; got {request.Names.Count}");
        }

        var ids = request.Names.Select((name, i) => RequestFields.DocumentId(name, $"names[{i}]")).ToArray();
        var parts = RequestFields.Parts(request.View, DocumentView.Full);
        await foreach (var answer in lookup.BatchGetAsync(ids, parts, context.CancellationToken))
        {
            await responseStream.WriteAsync(answer, context.CancellationToken);
        }
    }

    /// <summary>ListDocuments.</summary>
    public Task<DocumentListPage> ListDocumentsEncoded(ListDocumentsRequest request, ServerCallContext context)
    {
        if (request.PageSize < 0)
        {
            throw RpcErrors.InvalidArgument("page_size", "PAGE_SIZE_NEGATIVE",
                $"must be between 0 and {DocumentPager.MaxPageSize} (0 means {DocumentPager.DefaultPageSize}); got {request.PageSize}");
        }

        return pager.ListAsync(FilterParser.Parse(request.Filter), RequestFields.Parts(request.View, DocumentView.Basic), request.PageSize,
            request.PageToken, context.CancellationToken);
    }

    /// <summary>StreamDocuments.</summary>
    public async Task StreamDocumentsEncoded(StreamDocumentsRequest request, IServerStreamWriter<StreamFrame> responseStream, ServerCallContext context)
    {
        var filter = FilterParser.Parse(request.Filter);
        var parts = RequestFields.Parts(request.View, DocumentView.Full);
        var cancellationToken = context.CancellationToken;
        var messages = 0;
        try
        {
            await foreach (var frame in streamer.StreamAsync(filter, parts, request.ResumeToken, cancellationToken))
            {
                responseStream.WriteOptions = frame.Flush ? null : BufferedWrite;
                await responseStream.WriteAsync(frame, cancellationToken);
                messages++;
            }
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            LogStreamCancelled(context.Peer, messages);
            throw;
        }
    }

    /// <summary>WatchDocuments.</summary>
    public async Task WatchDocumentsEncoded(WatchDocumentsRequest request, IServerStreamWriter<WatchFrame> responseStream, ServerCallContext context)
    {
        var filter = FilterParser.Parse(request.Filter);
        var parts = RequestFields.Parts(request.View, DocumentView.Full);
        var start = request.Start switch
        {
            WatchDocumentsRequest.Types.Start.Unspecified or WatchDocumentsRequest.Types.Start.Snapshot => WatchStart.Snapshot,
            WatchDocumentsRequest.Types.Start.Now => WatchStart.Now,
            _ => throw RpcErrors.InvalidArgument("start", "START_UNKNOWN", $"{(int)request.Start} is not a start this server knows; use START_SNAPSHOT or START_NOW"),
        };
        var heartbeat = RequestFields.Heartbeat(request.HeartbeatInterval);
        // A watch never ends by itself: at shutdown it is ended, so that the host stops at once and the client
        // resumes elsewhere, instead of holding the shutdown until its timeout.
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        var messages = 0;
        try
        {
            await foreach (var frame in watcher.WatchAsync(filter, parts, request.ResumeToken, start, heartbeat, watching.Token))
            {
                responseStream.WriteOptions = frame.Flush ? null : BufferedWrite;
                await responseStream.WriteAsync(frame, watching.Token);
                messages++;
            }
        }
        catch (Exception) when (lifetime.ApplicationStopping.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            throw RpcErrors.ShuttingDown();
        }
        catch (Exception) when (context.CancellationToken.IsCancellationRequested)
        {
            LogWatchEnded(context.Peer, messages);
            throw;
        }
    }

    /// <inheritdoc />
    public override async Task<Google.Protobuf.WellKnownTypes.Empty> DeleteDocument(DeleteDocumentRequest request, ServerCallContext context)
    {
        var id = RequestFields.DocumentId(request.Name, "name");
        var outcome = await writer.DeleteAsync(id, string.IsNullOrEmpty(request.Etag) ? null : request.Etag, context.CancellationToken);
        return outcome switch
        {
            DeleteOutcome.Deleted => new Google.Protobuf.WellKnownTypes.Empty(),
            DeleteOutcome.NotFound when request.AllowMissing => new Google.Protobuf.WellKnownTypes.Empty(),
            DeleteOutcome.NotFound => throw RpcErrors.DocumentNotFound(request.Name),
            _ => throw RpcErrors.EtagMismatch(request.Name),
        };
    }

    private static async IAsyncEnumerable<RawDocument> ReadItemsAsync<TRequest>(IAsyncStreamReader<TRequest> requestStream,
        Func<TRequest, RawDocument> toItem, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in requestStream.ReadAllAsync(cancellationToken))
        {
            yield return toItem(item);
        }
    }

    /// <summary>An import item's result, counted in the ingest metrics.</summary>
    private ImportResult ToImportResult(IngestOutcome outcome)
    {
        var result = new ImportResult { Index = outcome.Index, SourceUri = outcome.SourceUri };
        if (outcome.Stored is { } stored)
        {
            result.Name = stored.Document.Name;
            result.Outcome = stored.Created ? ImportResult.Types.Outcome.Created : ImportResult.Types.Outcome.Unchanged;
            metrics.Ingested(stored.Created ? IngestOutcomes.Created : IngestOutcomes.Unchanged);
        }
        else
        {
            result.Outcome = ImportResult.Types.Outcome.Failed;
            result.Error = $"{outcome.Error!.Reason}: {outcome.Error.Message}";
            metrics.Ingested(IngestOutcomes.Failed);
        }

        return result;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "WatchDocuments for {Peer} ended: the client went away or its deadline passed after {Messages} messages")]
    private partial void LogWatchEnded(string peer, int messages);

    [LoggerMessage(Level = LogLevel.Information, Message = "StreamDocuments for {Peer} stopped: the client went away or its deadline passed after {Messages} messages")]
    private partial void LogStreamCancelled(string peer, int messages);
}
