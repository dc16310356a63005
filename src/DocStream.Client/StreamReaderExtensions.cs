using System.Runtime.CompilerServices;
using DocStream.Contracts.V1;
using Grpc.Core;

namespace DocStream.Client;

/// <summary>Reads whole documents off the server's streams, reassembling the ones sent in chunks.</summary>
public static class StreamReaderExtensions
{
    /// <summary>
    /// Yields each document of a StreamDocuments call with the resume token that covers it: pass that token to a
    /// new call to continue after this document.
    /// </summary>
    public static async IAsyncEnumerable<(Document Document, string ResumeToken)> ReadDocumentsAsync(
        this IAsyncStreamReader<StreamDocumentsResponse> stream, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var assembler = new DocumentAssembler();
        while (await stream.MoveNext(cancellationToken))
        {
            var message = stream.Current;
            var document = message.FrameCase switch
            {
                StreamDocumentsResponse.FrameOneofCase.Document => message.Document,
                StreamDocumentsResponse.FrameOneofCase.LargeDocument => Start(assembler, message.LargeDocument),
                StreamDocumentsResponse.FrameOneofCase.Chunk => assembler.Append(message.Chunk),
                _ => throw new InvalidDataException($"Unknown frame {message.FrameCase}; update the client."),
            };
            if (document is not null)
            {
                yield return (document, message.ResumeToken);
            }
        }
    }

    /// <summary>
    /// Yields every document of a StreamDocuments call with the resume token that covers it, and when the stream breaks
    /// in transit (UNAVAILABLE: a lost connection, a server draining with <c>SERVER_SHUTTING_DOWN</c> or restarting)
    /// opens it again after the last document yielded, so the caller gets each document once, in order, across
    /// restarts. <paramref name="request"/>'s own resume token is where it begins; <paramref name="options"/> (default:
    /// 5 retries in a row, 0.5 s doubling to 10 s) says how long to keep trying before the error is thrown.
    /// </summary>
    /// <exception cref="RpcException">The call failed for good: not a stream broken in transit, too many failures in a row, or a server that could not be reached at all.</exception>
    public static IAsyncEnumerable<(Document Document, string ResumeToken)> StreamDocumentsResumingAsync(
        this DocumentService.DocumentServiceClient client, StreamDocumentsRequest request, ResumeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        return client.ResumingStreamDocuments(request, options ?? new ResumeOptions()).ReadAsync(request.ResumeToken, cancellationToken);
    }

    /// <summary>
    /// The resuming StreamDocuments call behind <see cref="StreamDocumentsResumingAsync"/>, for a caller that wants to
    /// know, when it fails, the <see cref="ResumingStream{TResponse, TItem}.ResumeToken"/> to continue from later.
    /// Read it with <c>ReadAsync</c> from the token to begin after.
    /// </summary>
    public static ResumingStream<StreamDocumentsResponse, (Document Document, string ResumeToken)> ResumingStreamDocuments(
        this DocumentService.DocumentServiceClient client, StreamDocumentsRequest request, ResumeOptions options) =>
        new(
            (token, ct) => client.StreamDocuments(new StreamDocumentsRequest(request) { ResumeToken = token }, cancellationToken: ct),
            ReadDocumentsAsync,
            item => item.ResumeToken,
            ResumableKind.Stream,
            options);

    /// <summary>
    /// Yields the answer for each requested name of a BatchGetDocuments call, in request order: the document, or
    /// null with the name when it does not exist.
    /// </summary>
    public static async IAsyncEnumerable<(string Name, Document? Document)> ReadResultsAsync(
        this IAsyncStreamReader<BatchGetDocumentsResponse> stream, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var assembler = new DocumentAssembler();
        while (await stream.MoveNext(cancellationToken))
        {
            var message = stream.Current;
            switch (message.ResultCase)
            {
                case BatchGetDocumentsResponse.ResultOneofCase.Found:
                    yield return (message.Found.Name, message.Found);
                    break;
                case BatchGetDocumentsResponse.ResultOneofCase.Missing:
                    yield return (message.Missing, null);
                    break;
                case BatchGetDocumentsResponse.ResultOneofCase.LargeDocument:
                    assembler.Start(message.LargeDocument);
                    break;
                case BatchGetDocumentsResponse.ResultOneofCase.Chunk:
                    if (assembler.Append(message.Chunk) is { } document)
                    {
                        yield return (document.Name, document);
                    }

                    break;
                default:
                    throw new InvalidDataException($"Unknown result {message.ResultCase}; update the client.");
            }
        }
    }

    private static Document? Start(DocumentAssembler assembler, LargeDocumentHeader header)
    {
        assembler.Start(header);
        return null;
    }
}
