using DocStream.Contracts.V1;
using DocStream.Server.Grpc.PreEncoded;
using Grpc.Core;

namespace DocStream.Server.Grpc;

/// <summary>
/// The typed form of the methods gRPC serves pre-encoded (<see cref="DocumentServiceMethods"/>): JSON transcoding binds
/// these overrides, each the pre-encoded method with its output parsed back into messages.
/// </summary>
public sealed partial class DocumentService
{
    /// <inheritdoc />
    public override async Task<Document> CreateDocument(CreateDocumentRequest request, ServerCallContext context) =>
        TypedMessages.Decode(PreEncodedMarshallers.Document, await CreateDocumentEncoded(request, context), Document.Parser);

    /// <inheritdoc />
    public override async Task<Document> GetDocument(GetDocumentRequest request, ServerCallContext context) =>
        TypedMessages.Decode(PreEncodedMarshallers.Document, await GetDocumentEncoded(request, context), Document.Parser);

    /// <inheritdoc />
    public override async Task<ListDocumentsResponse> ListDocuments(ListDocumentsRequest request, ServerCallContext context) =>
        TypedMessages.Decode(PreEncodedMarshallers.ListPage, await ListDocumentsEncoded(request, context), ListDocumentsResponse.Parser);

    /// <inheritdoc />
    public override Task BatchGetDocuments(BatchGetDocumentsRequest request, IServerStreamWriter<BatchGetDocumentsResponse> responseStream, ServerCallContext context) =>
        BatchGetDocumentsEncoded(request, TypedMessages.Writer(responseStream, PreEncodedMarshallers.LookupFrame, BatchGetDocumentsResponse.Parser), context);

    /// <inheritdoc />
    public override Task StreamDocuments(StreamDocumentsRequest request, IServerStreamWriter<StreamDocumentsResponse> responseStream, ServerCallContext context) =>
        StreamDocumentsEncoded(request, TypedMessages.Writer(responseStream, PreEncodedMarshallers.StreamFrame, StreamDocumentsResponse.Parser), context);

    /// <inheritdoc />
    public override Task WatchDocuments(WatchDocumentsRequest request, IServerStreamWriter<WatchDocumentsResponse> responseStream, ServerCallContext context) =>
        WatchDocumentsEncoded(request, TypedMessages.Writer(responseStream, PreEncodedMarshallers.WatchFrame, WatchDocumentsResponse.Parser), context);
}
