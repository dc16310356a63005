using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace DocStream.Cli;

/// <summary>Opens the gRPC channel to the server.</summary>
internal static class ServerConnection
{
    /// <summary>
    /// A channel to <paramref name="address"/> that fails fast when nothing listens there and notices, through
    /// HTTP/2 keep-alive pings, a connection that died without closing during a long stream.
    /// </summary>
    public static GrpcChannel Open(Uri address) =>
        GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                ConnectTimeout = TimeSpan.FromSeconds(10),
                KeepAlivePingDelay = TimeSpan.FromSeconds(30),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(20),
                KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            },
            DisposeHttpClient = true,
        });

    /// <summary>The calls of <paramref name="channel"/>, each with <c>authorization: Bearer</c> <paramref name="apiKey"/> when one is given.</summary>
    public static CallInvoker WithApiKey(GrpcChannel channel, string? apiKey)
    {
        var calls = channel.CreateCallInvoker();
        return string.IsNullOrEmpty(apiKey)
            ? calls
            : calls.Intercept(metadata =>
            {
                metadata.Add("authorization", $"Bearer {apiKey}");
                return metadata;
            });
    }

    /// <summary>
    /// Parses the <c>--address</c> value: an absolute http:// or https:// URL. Returns null for anything else.
    /// </summary>
    public static Uri? ParseAddress(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : null;
}
