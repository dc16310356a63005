using DocStream.Contracts.V1;
using DocStream.Core.Documents;
using DocStream.Server.Application;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Microsoft.AspNetCore.Routing;
using Generated = DocStream.Contracts.V1.DocumentService;

namespace DocStream.Server.Grpc.PreEncoded;

/// <summary>
/// Maps the methods that answer with documents (CreateDocument, GetDocument, BatchGetDocuments, ListDocuments,
/// StreamDocuments, WatchDocuments) with <see cref="PreEncodedMarshallers"/>, which send what the store read without a typed
/// <c>Document</c> in between. The generated binder maps the other methods; <see cref="WithoutPreEncoded"/> keeps it
/// from mapping these as well, so that each route has exactly one endpoint. Clients see the same contract and the
/// same bytes.
/// </summary>
public sealed class DocumentServiceMethods : IServiceMethodProvider<DocumentService>
{
    private static readonly Method<CreateDocumentRequest, StoredDocument> CreateDocument = Define(
        MethodType.Unary, nameof(Generated.DocumentServiceBase.CreateDocument), CreateDocumentRequest.Parser, PreEncodedMarshallers.Document);

    private static readonly Method<GetDocumentRequest, StoredDocument> GetDocument = Define(
        MethodType.Unary, nameof(Generated.DocumentServiceBase.GetDocument), GetDocumentRequest.Parser, PreEncodedMarshallers.Document);

    private static readonly Method<ListDocumentsRequest, DocumentListPage> ListDocuments = Define(
        MethodType.Unary, nameof(Generated.DocumentServiceBase.ListDocuments), ListDocumentsRequest.Parser, PreEncodedMarshallers.ListPage);

    private static readonly Method<BatchGetDocumentsRequest, LookupFrame> BatchGetDocuments = Define(
        MethodType.ServerStreaming, nameof(Generated.DocumentServiceBase.BatchGetDocuments), BatchGetDocumentsRequest.Parser, PreEncodedMarshallers.LookupFrame);

    private static readonly Method<StreamDocumentsRequest, StreamFrame> StreamDocuments = Define(
        MethodType.ServerStreaming, nameof(Generated.DocumentServiceBase.StreamDocuments), StreamDocumentsRequest.Parser, PreEncodedMarshallers.StreamFrame);

    private static readonly Method<WatchDocumentsRequest, WatchFrame> WatchDocuments = Define(
        MethodType.ServerStreaming, nameof(Generated.DocumentServiceBase.WatchDocuments), WatchDocumentsRequest.Parser, PreEncodedMarshallers.WatchFrame);

    private static readonly HashSet<string> PreEncodedNames =
        [CreateDocument.FullName, GetDocument.FullName, ListDocuments.FullName, BatchGetDocuments.FullName, StreamDocuments.FullName, WatchDocuments.FullName];

    /// <inheritdoc />
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<DocumentService> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // The same endpoint metadata grpc-dotnet's binder gives its methods: the service's attributes, then POST only.
        var metadata = new List<object>(typeof(DocumentService).GetCustomAttributes(inherit: true))
        {
            new HttpMethodMetadata(["POST"], acceptCorsPreflight: true),
        };
        context.AddUnaryMethod(CreateDocument, metadata, (service, request, call) => service.CreateDocumentEncoded(request, call));
        context.AddUnaryMethod(GetDocument, metadata, (service, request, call) => service.GetDocumentEncoded(request, call));
        context.AddUnaryMethod(ListDocuments, metadata, (service, request, call) => service.ListDocumentsEncoded(request, call));
        context.AddServerStreamingMethod(BatchGetDocuments, metadata,
            (service, request, responses, call) => service.BatchGetDocumentsEncoded(request, responses, call));
        context.AddServerStreamingMethod(StreamDocuments, metadata,
            (service, request, responses, call) => service.StreamDocumentsEncoded(request, responses, call));
        context.AddServerStreamingMethod(WatchDocuments, metadata,
            (service, request, responses, call) => service.WatchDocumentsEncoded(request, responses, call));
    }

    /// <summary>
    /// A binder that passes every method on to <paramref name="binder"/> (<see cref="CheckedServiceMethodProvider{TService}"/>'s,
    /// which checks their request marshallers) except the ones mapped here.
    /// </summary>
    public static ServiceBinderBase WithoutPreEncoded(ServiceBinderBase binder) => new SkippingBinder(binder);

    private static Method<TRequest, TResponse> Define<TRequest, TResponse>(
        MethodType type, string name, Google.Protobuf.MessageParser<TRequest> parser, Marshaller<TResponse> response)
        where TRequest : class, Google.Protobuf.IMessage<TRequest>
        where TResponse : class =>
        CheckedRequests.Checked(new Method<TRequest, TResponse>(type, Generated.Descriptor.FullName, name, PreEncodedMarshallers.ForRequest(parser), response));

    private sealed class SkippingBinder(ServiceBinderBase inner) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
        {
            if (!PreEncodedNames.Contains(method.FullName))
            {
                inner.AddMethod(method, handler);
            }
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
        {
            if (!PreEncodedNames.Contains(method.FullName))
            {
                inner.AddMethod(method, handler);
            }
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
        {
            if (!PreEncodedNames.Contains(method.FullName))
            {
                inner.AddMethod(method, handler);
            }
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
        {
            if (!PreEncodedNames.Contains(method.FullName))
            {
                inner.AddMethod(method, handler);
            }
        }
    }
}
