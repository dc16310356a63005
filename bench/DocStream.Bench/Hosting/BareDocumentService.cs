using DocStream.Contracts.V1;
using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;

namespace DocStream.Bench.Hosting;

/// <summary>
/// A bare grpc-dotnet service that answers docstream.v1.DocumentService/GetDocument with one fixed, pre-parsed
/// <see cref="Document"/>: no store, no validation, no interceptor. It binds the method by hand with the generated
/// client's message types and the same buffer-writer marshalling that generated server code uses, so the same
/// generated client can call it.
/// </summary>
/// <param name="document">The answer to every call.</param>
[BindServiceMethod(typeof(BareDocumentService), nameof(BindService))]
public class BareDocumentService(FixedDocument document)
{
    private static readonly Method<GetDocumentRequest, Document> GetDocumentMethod = new(
        MethodType.Unary,
        "docstream.v1.DocumentService",
        "GetDocument",
        Marshallers.Create<GetDocumentRequest>(Serialize, context => GetDocumentRequest.Parser.ParseFrom(context.PayloadAsReadOnlySequence())),
        Marshallers.Create<Document>(Serialize, context => Document.Parser.ParseFrom(context.PayloadAsReadOnlySequence())));

    /// <summary>Binds <see cref="GetDocument"/>; grpc-dotnet calls this with a null service and finds the method by name.</summary>
    public static void BindService(ServiceBinderBase binder, BareDocumentService? service) =>
        binder.AddMethod(GetDocumentMethod, service is null ? null : new UnaryServerMethod<GetDocumentRequest, Document>(service.GetDocument));

    /// <summary>Returns the fixed document. Virtual because grpc-dotnet binds only virtual methods of the binding type.</summary>
    public virtual Task<Document> GetDocument(GetDocumentRequest request, ServerCallContext context) => Task.FromResult(document.Value);

    private static void Serialize<T>(T message, SerializationContext context)
        where T : IBufferMessage, IMessage
    {
        context.SetPayloadLength(message.CalculateSize());
        message.WriteTo(context.GetBufferWriter());
        context.Complete();
    }
}

/// <summary>The document the bare service answers with.</summary>
/// <param name="Value">The document.</param>
public sealed record FixedDocument(Document Value);
