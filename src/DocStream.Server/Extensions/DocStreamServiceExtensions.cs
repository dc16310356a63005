using DocStream.Core.Ingest;
using DocStream.Core.Storage;
using DocStream.Server.Grpc;
using DocStream.Server.Grpc.PreEncoded;
using DocStream.Server.Hosting;
using DocStream.Storage.Postgres;
using DocStream.Storage.Sqlite;
using Grpc.AspNetCore.Server.Model;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DocStream.Server.Extensions;

/// <summary>Wires DocStream's services into the host.</summary>
public static class DocStreamServiceExtensions
{
    /// <summary>Adds gRPC, reflection, health, the store chosen by configuration, and the startup import.</summary>
    public static WebApplicationBuilder AddDocStreamServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.Configure<StorageOptions>(configuration.GetSection("Storage"));
        services.Configure<LimitOptions>(configuration.GetSection("Limits"));
        services.Configure<CorpusOptions>(configuration.GetSection("Corpus"));

        // gRPC without TLS needs HTTP/2-only endpoints (grpcurl -plaintext, h2c); an endpoint may still override this.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.Protocols = HttpProtocols.Http2));

        var limits = configuration.GetSection("Limits").Get<LimitOptions>() ?? new LimitOptions();
        services.AddGrpc(options =>
        {
            // Room for the largest accepted document plus the request's other fields; the ingest check gives the clear error.
            options.MaxReceiveMessageSize = checked((int)Math.Min(int.MaxValue, limits.MaxDocumentBytes + (1024 * 1024)));
            options.Interceptors.Add<ErrorTranslationInterceptor>();
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IServiceMethodProvider<DocumentService>, PreEncodedMethods>());
        services.AddGrpcReflection();
        services.AddGrpcHealthChecks().AddCheck<ReadinessHealthCheck>("store");

        services.AddSingleton<IDocumentStore>(provider => CreateStore(provider.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton(provider => new IngestLimits { MaxDocumentBytes = provider.GetRequiredService<IOptions<LimitOptions>>().Value.MaxDocumentBytes });
        services.AddSingleton<DocumentPreparer>();
        services.AddSingleton<DocumentIngestor>();
        services.AddSingleton<DocumentReparser>();
        services.AddSingleton<ServiceReadiness>();
        services.AddHostedService<CorpusStartup>();
        return builder;
    }

    private static IDocumentStore CreateStore(StorageOptions options) => options.Provider.ToUpperInvariant() switch
    {
        "SQLITE" => SqliteDocumentStore.Open(Path.Combine(options.DataDirectory, "docstream.db")),
        "POSTGRES" => PostgresDocumentStore.Open(
            options.ConnectionString ?? throw new InvalidOperationException("Storage:Provider is Postgres but Storage:ConnectionString is not set.")),
        _ => throw new InvalidOperationException($"Storage:Provider \"{options.Provider}\" is not supported; use \"Sqlite\" or \"Postgres\"."),
    };
}
