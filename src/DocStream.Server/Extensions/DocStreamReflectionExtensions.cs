using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.AspNetCore.Server;
using Grpc.Reflection;

namespace DocStream.Server.Extensions;

/// <summary>
/// Server reflection (v1 and v1alpha) that serves the contract with its comments and the <c>google.rpc</c> error details
/// the service answers with, so grpcurl can describe every RPC and print <c>ErrorInfo</c> and <c>BadRequest</c> as JSON
/// with no proto files at hand.
/// </summary>
public static class DocStreamReflectionExtensions
{
    /// <summary>The descriptor set the server project's build writes with protoc (see DocStream.Server.csproj).</summary>
    private const string DescriptorSetResource = "docstream-reflection.binpb";

    /// <summary>
    /// Adds reflection over every mapped gRPC service, resolving symbols in the embedded descriptor set first. It
    /// registers the two reflection services before <c>AddGrpcReflection</c>, whose own registrations then stand aside.
    /// </summary>
    public static IServiceCollection AddDocStreamReflection(this IServiceCollection services)
    {
        services.AddSingleton(provider => new ReflectionServiceImpl(ServiceNames(provider), Symbols.Value));
        services.AddSingleton(provider => new ReflectionV1ServiceImpl(ServiceNames(provider), Symbols.Value));
        return services.AddGrpcReflection();
    }

    private static readonly Lazy<SymbolRegistry> Symbols = new(() => SymbolRegistry.FromFiles(
    [
        .. ReadDescriptorSet(),
        global::Grpc.Health.V1.HealthReflection.Descriptor,
        global::Grpc.Reflection.V1Alpha.ReflectionReflection.Descriptor,
        global::Grpc.Reflection.V1.ReflectionReflection.Descriptor,
    ]));

    /// <summary>The files of the descriptor set, with source info; dependencies come before their dependents in it.</summary>
    private static IReadOnlyList<FileDescriptor> ReadDescriptorSet()
    {
        using var stream = typeof(DocStreamReflectionExtensions).Assembly.GetManifestResourceStream(DescriptorSetResource)
            ?? throw new InvalidOperationException($"The server assembly lacks its embedded resource {DescriptorSetResource}; rebuild DocStream.Server.");
        var set = FileDescriptorSet.Parser.ParseFrom(stream);
        return FileDescriptor.BuildFromByteStrings(set.File.Select(file => file.ToByteString()));
    }

    private static IEnumerable<string> ServiceNames(IServiceProvider provider) =>
        provider.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(endpoint => endpoint.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method.ServiceName)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
