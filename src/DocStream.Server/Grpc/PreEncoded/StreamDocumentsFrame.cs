using DocStream.Contracts.V1;

namespace DocStream.Server.Grpc.PreEncoded;

/// <summary>
/// One StreamDocuments response as the server sends it: a pre-encoded document with its resume token, or any other
/// <see cref="StreamDocumentsResponse"/> (a large document's header or chunk). On the wire both are a
/// <see cref="StreamDocumentsResponse"/>.
/// </summary>
public sealed class StreamDocumentsFrame
{
    private StreamDocumentsFrame(StreamDocumentsResponse? message, EncodedDocument? document, string resumeToken)
    {
        Message = message;
        Document = document;
        ResumeToken = resumeToken;
    }

    /// <summary>The typed response; null when this frame is a pre-encoded document.</summary>
    public StreamDocumentsResponse? Message { get; }

    /// <summary>The document; null when this frame is a typed response.</summary>
    public EncodedDocument? Document { get; }

    /// <summary>The resume token sent with <see cref="Document"/>.</summary>
    public string ResumeToken { get; }

    /// <summary>A frame holding <paramref name="message"/> as it is.</summary>
    public static StreamDocumentsFrame ForMessage(StreamDocumentsResponse message) => new(message, null, "");

    /// <summary>A frame holding a whole document, sent as the response's <c>document</c> field.</summary>
    public static StreamDocumentsFrame ForDocument(EncodedDocument document, string resumeToken) => new(null, document, resumeToken);
}
