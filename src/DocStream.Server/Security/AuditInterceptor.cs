using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace DocStream.Server.Security;

/// <summary>
/// Writes one structured line to the <c>DocStream.Audit</c> log for every call of an RPC whose role is admin
/// (DeleteDocument, RebuildSearchIndex, RegroupStories, and any added later), allowed or not: who called (an API
/// key's name, a JWT's subject, or an anonymous caller's address; never a credential), the method, the target (the
/// request's <c>name</c>, or <c>*</c> for the whole corpus), the status it ended with, and when it began. It runs
/// before the role check, so that a refused attempt is recorded too.
/// </summary>
public sealed partial class AuditInterceptor(ILoggerFactory loggers, TimeProvider time) : Interceptor
{
    /// <summary>The log category of the audit lines.</summary>
    public const string Category = "DocStream.Audit";

    /// <summary>The target of a call whose request names no resource.</summary>
    private const string WholeCorpus = "*";

    private readonly ILogger _log = loggers.CreateLogger(Category);

    /// <inheritdoc />
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (!IsAudited(context))
        {
            return await continuation(request, context);
        }

        TResponse response = default!;
        await AuditAsync(context, TargetOf(request), async () => response = await continuation(request, context));
        return response;
    }

    /// <inheritdoc />
    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        if (!IsAudited(context))
        {
            await continuation(request, responseStream, context);
            return;
        }

        await AuditAsync(context, TargetOf(request), () => continuation(request, responseStream, context));
    }

    /// <inheritdoc />
    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        if (!IsAudited(context))
        {
            return await continuation(requestStream, context);
        }

        TResponse response = default!;
        await AuditAsync(context, WholeCorpus, async () => response = await continuation(requestStream, context));
        return response;
    }

    /// <inheritdoc />
    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        if (!IsAudited(context))
        {
            await continuation(requestStream, responseStream, context);
            return;
        }

        await AuditAsync(context, WholeCorpus, () => continuation(requestStream, responseStream, context));
    }

    private static bool IsAudited(ServerCallContext context) => RpcRoles.Required(context.Method, openHealthAndReflection: true) == Role.Admin;

    /// <summary>The request's <c>name</c> field where it has one (a document, a story), else the whole corpus.</summary>
    private static string TargetOf<TRequest>(TRequest request) =>
        request is IMessage message && message.Descriptor.FindFieldByName("name") is { FieldType: Google.Protobuf.Reflection.FieldType.String } field
            && field.Accessor.GetValue(message) is string { Length: > 0 } name
            ? name
            : WholeCorpus;

    private async Task AuditAsync(ServerCallContext context, string target, Func<Task> call)
    {
        var began = time.GetUtcNow();
        var status = StatusCode.OK;
        try
        {
            await call();
        }
        catch (RpcException ex)
        {
            status = ex.StatusCode;
            throw;
        }
        catch (OperationCanceledException)
        {
            status = StatusCode.Cancelled;
            throw;
        }
        catch
        {
            status = StatusCode.Internal;
            throw;
        }
        finally
        {
            Audited(_log, Caller.Of(context.GetHttpContext()), context.Method.TrimStart('/'), target, status, began);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Audit: {Principal} called {Method} on {Target}: {Status}, at {Time:O}")]
    private static partial void Audited(ILogger logger, string principal, string method, string target, StatusCode status, DateTimeOffset time);
}
