using DocStream.Core.Ingest;
using DocStream.Core.Paging;
using DocStream.Core.Querying;
using DocStream.Search.Querying;
using DocStream.Server.Application;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace DocStream.Server.Grpc;

/// <summary>
/// Turns the domain's exceptions into gRPC statuses with details, so that service methods read as the happy path.
/// </summary>
public sealed class ErrorTranslationInterceptor : Interceptor
{
    /// <inheritdoc />
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex) when (Translate(ex, context) is { } rpc)
        {
            throw rpc;
        }
    }

    /// <inheritdoc />
    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(new ResetAwareRequestStream<TRequest>(requestStream), context);
        }
        catch (Exception ex) when (Translate(ex, context) is { } rpc)
        {
            throw rpc;
        }
    }

    /// <inheritdoc />
    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception ex) when (Translate(ex, context) is { } rpc)
        {
            throw rpc;
        }
    }

    /// <inheritdoc />
    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(new ResetAwareRequestStream<TRequest>(requestStream), responseStream, context);
        }
        catch (Exception ex) when (Translate(ex, context) is { } rpc)
        {
            throw rpc;
        }
    }

    private static RpcException? Translate(Exception exception, ServerCallContext context) => exception switch
    {
        // A write racing the client's disconnect fails in several ways; all of them mean the caller went away.
        not RpcException when context.CancellationToken.IsCancellationRequested =>
            new RpcException(new Status(StatusCode.Cancelled, "the call was cancelled by the client or its deadline passed")),
        // grpc-dotnet may complete a call whose deadline passed before it cancels the call's token: a write racing
        // that fails with "the request is complete", which is the deadline too.
        InvalidOperationException when context.Deadline <= DateTime.UtcNow =>
            new RpcException(new Status(StatusCode.DeadlineExceeded, "the call's deadline passed")),
        // Npgsql and Microsoft.Data.Sqlite both say which of their failures may pass on a retry.
        System.Data.Common.DbException { IsTransient: true } => RpcErrors.StoreUnavailable(),
        InvalidDocumentException invalid => RpcErrors.InvalidArgument(invalid.Field, invalid.Reason, invalid.Message),
        FilterSyntaxException filter => RpcErrors.InvalidArgument("filter", filter.Reason, filter.Message,
            new Dictionary<string, string> { ["position"] = filter.Position.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
        QuerySyntaxException query => RpcErrors.InvalidArgument("query", query.Reason, query.Message,
            new Dictionary<string, string> { ["position"] = query.Position.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
        InvalidCursorTokenException token => RpcErrors.InvalidArgument(
            token.Kind == CursorKind.PageToken ? "page_token" : "resume_token", "TOKEN_INVALID", token.Message),
        DocumentNotFoundException notFound => RpcErrors.DocumentNotFound(notFound.Name),
        StoryNotFoundException notFound => RpcErrors.StoryNotFound(notFound.Name),
        DocumentTooLargeForMessageException tooLarge => RpcErrors.DocumentTooLargeForMessage(tooLarge.Name, tooLarge.SerializedSize, tooLarge.MaxMessageBytes),
        ResumeTokenExpiredException expired => RpcErrors.ResumeTokenExpired(expired.Message, expired.Position, expired.OldestResumablePosition),
        _ => null,
    };
}
