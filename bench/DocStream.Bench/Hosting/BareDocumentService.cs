using System.Buffers;
using System.Collections.Concurrent;
using DocStream.Contracts.V1;
using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;

namespace DocStream.Bench.Hosting;

/// <summary>
/// A bare grpc-dotnet service on docstream.v1.DocumentService: no store, no validation, no interceptor. GetDocument
/// answers with one fixed, pre-parsed <see cref="Document"/>; StreamDocuments sends, from memory, the messages
/// DocStream itself sent for the view asked for (a <see cref="RecordedStream"/>), so the framework's own cost of a
/// server stream is measured with the same messages and the same generated client. The methods are bound by hand
/// with the generated message types and the buffer-writer marshalling generated server code uses.
/// </summary>
/// <param name="document">The answer to every GetDocument.</param>
/// <param name="streams">The recordings StreamDocuments sends.</param>
[BindServiceMethod(typeof(BareDocumentService), nameof(BindService))]
public class BareDocumentService(FixedDocument document, RecordedStreams streams)
{
    private static readonly Method<GetDocumentRequest, Document> GetDocumentMethod = new(
        MethodType.Unary,
        "docstream.v1.DocumentService",
        "GetDocument",
        Marshallers.Create<GetDocumentRequest>(Serialize, context => GetDocumentRequest.Parser.ParseFrom(context.PayloadAsReadOnlySequence())),
        Marshallers.Create<Document>(Serialize, context => Document.Parser.ParseFrom(context.PayloadAsReadOnlySequence())));

    // The response is the recorded message's bytes: written as they are, as a generated serializer would write them.
    private static readonly Method<StreamDocumentsRequest, byte[]> StreamDocumentsMethod = new(
        MethodType.ServerStreaming,
        "docstream.v1.DocumentService",
        "StreamDocuments",
        Marshallers.Create<StreamDocumentsRequest>(Serialize, context => StreamDocumentsRequest.Parser.ParseFrom(context.PayloadAsReadOnlySequence())),
        new Marshaller<byte[]>(
            (byte[] message, SerializationContext context) =>
            {
                context.SetPayloadLength(message.Length);
                context.GetBufferWriter().Write(message);
                context.Complete();
            },
            (DeserializationContext context) => context.PayloadAsNewBuffer()));

    /// <summary>Binds the methods; grpc-dotnet calls this with a null service and finds the methods by name.</summary>
    public static void BindService(ServiceBinderBase binder, BareDocumentService? service)
    {
        binder.AddMethod(GetDocumentMethod, service is null ? null : new UnaryServerMethod<GetDocumentRequest, Document>(service.GetDocument));
        binder.AddMethod(StreamDocumentsMethod, service is null ? null : new ServerStreamingServerMethod<StreamDocumentsRequest, byte[]>(service.StreamDocuments));
    }

    /// <summary>Returns the fixed document. Virtual because grpc-dotnet binds only virtual methods of the binding type.</summary>
    public virtual Task<Document> GetDocument(GetDocumentRequest request, ServerCallContext context) => Task.FromResult(document.Value);

    /// <summary>Sends the recording of the request's view (FULL when unspecified), message by message.</summary>
    public virtual async Task StreamDocuments(StreamDocumentsRequest request, IServerStreamWriter<byte[]> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        foreach (var message in streams.Messages(request.View == DocumentView.Unspecified ? DocumentView.Full : request.View))
        {
            await responseStream.WriteAsync(message, context.CancellationToken);
        }
    }

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

/// <summary>The recorded streams of each view, read into memory on first use (FULL is <paramref name="fullFile"/>).</summary>
/// <param name="fullFile">The FULL recording; the others lie beside it (<see cref="RecordedStream.PathFor"/>).</param>
public sealed class RecordedStreams(string fullFile)
{
    private readonly ConcurrentDictionary<DocumentView, Lazy<List<byte[]>>> _messages = new();

    /// <summary>The messages of <paramref name="view"/>'s recording; none when it was not recorded.</summary>
    public List<byte[]> Messages(DocumentView view) =>
        _messages.GetOrAdd(view, v => new Lazy<List<byte[]>>(() =>
            File.Exists(RecordedStream.PathFor(fullFile, v)) ? RecordedStream.ReadMessages(RecordedStream.PathFor(fullFile, v)) : [])).Value;
}
