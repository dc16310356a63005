using DocStream.Server.Grpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Options;

namespace DocStream.Server.Security;

/// <summary>
/// Lets a call through when its caller's role reaches the one <see cref="RpcRoles"/> declares for the method:
/// UNAUTHENTICATED when credentials are missing or wrong, PERMISSION_DENIED when the role is too low.
/// </summary>
public sealed class AuthorizationInterceptor(IOptions<AuthOptions> options, AnonymousAccess anonymous) : Interceptor
{
    private readonly AuthOptions _auth = options.Value;

    /// <inheritdoc />
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(request, context);
    }

    /// <inheritdoc />
    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(requestStream, context);
    }

    /// <inheritdoc />
    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(request, responseStream, context);
    }

    /// <inheritdoc />
    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(requestStream, responseStream, context);
    }

    private void Authorize(ServerCallContext context)
    {
        if (RpcRoles.Required(context.Method, _auth.OpenHealthAndReflection) is not { } required)
        {
            return;
        }

        var httpContext = context.GetHttpContext();
        var user = httpContext.User;
        Role role;
        if (anonymous.Role == Role.Admin && user.Identity?.IsAuthenticated != true && httpContext.Request.Headers.Authorization.Count == 0)
        {
            // The quickstart's anonymous admin may call anything: nothing more to look up.
            return;
        }

        if (user.Identity?.IsAuthenticated == true)
        {
            // A token without a role DocStream knows may authenticate, and may do nothing.
            var claimed = user.FindFirst(ApiKeyAuthenticationHandler.RoleClaim)?.Value;
            role = AuthSettings.TryParseRole(claimed)
                ?? throw RpcErrors.PermissionDenied(context.Method.TrimStart('/'), AuthSettings.RoleName(required), claimed ?? "none");
        }
        else if (BearerToken.From(httpContext.Request) is not null)
        {
            throw RpcErrors.Unauthenticated("CREDENTIALS_INVALID",
                "the bearer token is neither a configured API key nor a valid JWT; check the key (or the token's signature, issuer, audience and expiry)");
        }
        else if (anonymous.Role is { } anonymousRole)
        {
            role = anonymousRole;
        }
        else
        {
            throw RpcErrors.Unauthenticated("CREDENTIALS_MISSING", "this server needs credentials: send the header authorization: Bearer <API key or JWT>");
        }

        if (role < required)
        {
            throw RpcErrors.PermissionDenied(context.Method.TrimStart('/'), AuthSettings.RoleName(required), AuthSettings.RoleName(role));
        }
    }
}
