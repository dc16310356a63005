using DocStream.Contracts.V1;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Microsoft.AspNetCore.Routing;
using Generated = DocStream.Contracts.V1.DocumentService;

namespace DocStream.Server.Grpc.PreEncoded;

/// <summary>
/// Maps GetDocument and StreamDocuments with marshallers that send stored content without decoding it
/// (<see cref="EncodedDocument"/>). The generated binder maps every other method; <see cref="WithoutPreEncoded"/>
/// keeps it from mapping these two as well, so that each route has exactly one endpoint. Clients see the same
/// contract and the same bytes.
/// </summary>
public sealed class PreEncodedMethods : IServiceMethodProvider<DocumentService>
{
    /// <summary>GetDocument, answering with an <see cref="EncodedDocument"/>.</summary>
    public static Method<GetDocumentRequest, EncodedDocument> GetDocument { get; } = new(
        MethodType.Unary, Generated.Descriptor.FullName, nameof(Generated.DocumentServiceBase.GetDocument),
        PreEncodedMarshallers.ForMessage(GetDocumentRequest.Parser), PreEncodedMarshallers.Document);

    /// <summary>StreamDocuments, answering with <see cref="StreamDocumentsFrame"/>s.</summary>
    public static Method<StreamDocumentsRequest, StreamDocumentsFrame> StreamDocuments { get; } = new(
        MethodType.ServerStreaming, Generated.Descriptor.FullName, nameof(Generated.DocumentServiceBase.StreamDocuments),
        PreEncodedMarshallers.ForMessage(StreamDocumentsRequest.Parser), PreEncodedMarshallers.StreamFrame);

    /// <inheritdoc />
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<DocumentService> context)
    {
        // The same endpoint metadata grpc-dotnet's binder gives its methods: the service's attributes, then POST only.
        var metadata = new List<object>(typeof(DocumentService).GetCustomAttributes(inherit: true))
        {
            new HttpMethodMetadata(["POST"], acceptCorsPreflight: true),
        };
        context.AddUnaryMethod(GetDocument, metadata, (service, request, callContext) => service.GetDocumentEncoded(request, callContext));
        context.AddServerStreamingMethod(StreamDocuments, metadata,
            (service, request, responseStream, callContext) => service.StreamDocumentsEncoded(request, responseStream, callContext));
    }

    /// <summary>A binder that passes every method on to <paramref name="binder"/> except the two mapped here.</summary>
    public static ServiceBinderBase WithoutPreEncoded(ServiceBinderBase binder) => new SkippingBinder(binder);

    private sealed class SkippingBinder(ServiceBinderBase inner) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
        {
            if (!IsPreEncoded(method))
            {
                inner.AddMethod(method, handler);
            }
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
        {
            if (!IsPreEncoded(method))
            {
                inner.AddMethod(method, handler);
            }
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
        {
            if (!IsPreEncoded(method))
            {
                inner.AddMethod(method, handler);
            }
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
        {
            if (!IsPreEncoded(method))
            {
                inner.AddMethod(method, handler);
            }
        }

        private static bool IsPreEncoded(IMethod method) =>
            method.FullName == GetDocument.FullName || method.FullName == StreamDocuments.FullName;
    }
}
