using System.Text;
using Google.Protobuf;
using Grpc.Core;

namespace DocStream.Server.Grpc;

/// <summary>
/// Request marshallers that answer bytes which do not parse (a bad tag, a truncated field, invalid UTF-8 in a string)
/// with INVALID_ARGUMENT <c>REQUEST_MALFORMED</c>. grpc-dotnet reads the request before any interceptor runs, so the
/// error translation never sees a parse failure: without this, the client gets UNKNOWN and the server logs an error.
/// </summary>
internal static class CheckedRequests
{
    /// <summary><paramref name="method"/> with its request marshaller checked.</summary>
    public static Method<TRequest, TResponse> Checked<TRequest, TResponse>(Method<TRequest, TResponse> method)
        where TRequest : class
        where TResponse : class =>
        new(method.Type, method.ServiceName, method.Name, Checked(method.RequestMarshaller, method.FullName), method.ResponseMarshaller);

    /// <summary><paramref name="marshaller"/>, whose parse failures become INVALID_ARGUMENT naming <paramref name="methodName"/>.</summary>
    public static Marshaller<T> Checked<T>(Marshaller<T> marshaller, string methodName) => Marshallers.Create(
        marshaller.ContextualSerializer,
        context =>
        {
            try
            {
                return marshaller.ContextualDeserializer(context);
            }
            catch (InvalidProtocolBufferException malformed)
            {
                throw RpcErrors.RequestMalformed(methodName.TrimStart('/'), malformed.Message);
            }
            catch (DecoderFallbackException)
            {
                throw RpcErrors.RequestMalformed(methodName.TrimStart('/'), "a string field is not valid UTF-8");
            }
        });
}
