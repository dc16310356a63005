using DocStream.Core.Ingest;
using DocStream.Core.Paging;
using DocStream.Core.Storage;
using DocStream.Server.Application;
using DocStream.Server.Grpc;
using DocStream.Server.Grpc.PreEncoded;
using DocStream.Server.Hosting;
using Grpc.AspNetCore.Server.Model;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DocStream.Server.Extensions;

/// <summary>Wires DocStream's services into the host.</summary>
public static class DocStreamServiceExtensions
{
    /// <summary>The name grpc-dotnet gives the provider replaced (an internal type, so known by name only).</summary>
    private const string ReplacedProviderName = "BinderServiceMethodProvider`1";

    /// <summary>
    /// Adds gRPC (with reflection and health), the storage backend configuration chooses
    /// (<see cref="DocStreamStorageExtensions.AddDocStreamStorage"/>), the domain and application services, and the
    /// startup that opens the store and loads the sample corpus.
    /// </summary>
    public static WebApplicationBuilder AddDocStreamServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddOptions<LimitOptions>()
            .Bind(configuration.GetSection("Limits"))
            .Validate(limits => limits.MaxMessageBytes >= MessageBudgets.MinMessageBytes,
                $"Limits:MaxMessageBytes must be at least {MessageBudgets.MinMessageBytes} bytes.")
            .ValidateOnStart();
        services.Configure<CorpusOptions>(configuration.GetSection("Corpus"));
        services.AddOptions<WatchOptions>()
            .Bind(configuration.GetSection("Watch"))
            .Validate(watch => watch.DeletionRetention > TimeSpan.Zero && watch.PruneInterval > TimeSpan.Zero,
                "Watch:DeletionRetention and Watch:PruneInterval must be positive.")
            .ValidateOnStart();

        var limits = configuration.GetSection("Limits").Get<LimitOptions>() ?? new LimitOptions();
        // Room for the largest accepted document plus the request's other fields; the ingest check gives the clear error.
        var maxReceiveMessageSize = checked((int)Math.Min(int.MaxValue, limits.MaxDocumentBytes + (1024 * 1024)));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // gRPC without TLS needs HTTP/2-only endpoints (grpcurl -plaintext, h2c); an endpoint may still override this.
            kestrel.ConfigureEndpointDefaults(listen => listen.Protocols = HttpProtocols.Http2);
            // Kestrel's own 30,000,000-byte body limit would cut a unary call below Limits:MaxDocumentBytes (UNKNOWN
            // instead of DOCUMENT_TOO_LARGE); twice the message limit also holds a document as base64 in JSON.
            kestrel.Limits.MaxRequestBodySize = 2L * maxReceiveMessageSize;
        });

        services.AddGrpc(options =>
        {
            options.MaxReceiveMessageSize = maxReceiveMessageSize;
            // Outermost first: the metrics see the status the error translation gives.
            options.Interceptors.Add<Telemetry.CallMetricsInterceptor>();
            options.Interceptors.Add<Security.AuditInterceptor>();
            options.Interceptors.Add<Security.AuthorizationInterceptor>();
            options.Interceptors.Add<Security.QuotaInterceptor>();
            // Inside authorization, which reads the call's HttpContext: the drain hands the calls inside it a context of its own.
            options.Interceptors.Add<DrainInterceptor>();
            options.Interceptors.Add<ErrorTranslationInterceptor>();
        }).AddJsonTranscoding(transcoding =>
        {
            // The error details the service sends, so that an HTTP error body shows them as JSON.
            transcoding.TypeRegistry = Google.Protobuf.Reflection.TypeRegistry.FromFiles(Google.Rpc.ErrorDetailsReflection.Descriptor);
            // Canonical proto3 JSON, as grpcurl and buf curl print it: fields at their default value are left out.
            transcoding.JsonSettings = new Microsoft.AspNetCore.Grpc.JsonTranscoding.GrpcJsonSettings { IgnoreDefaultValues = true };
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IServiceMethodProvider<DocumentService>, DocumentServiceMethods>());
        services.AddDocStreamReflection();
        // Health answers for the whole server ("") and for the service by its name, both from the store's readiness.
        services.AddGrpcHealthChecks(health => health.Services.Map(DocStream.Contracts.V1.DocumentService.Descriptor.FullName, _ => true))
            .AddCheck<ReadinessHealthCheck>("store");
        ReplaceBinderProvider(services);

        builder.AddDocStreamStorage();
        services.AddSingleton(provider => new IngestLimits { MaxDocumentBytes = provider.GetRequiredService<IOptions<LimitOptions>>().Value.MaxDocumentBytes });
        services.AddSingleton<DocumentPreparer>();
        services.AddSingleton<DocumentIngestor>();
        services.AddSingleton<DocumentReparser>();
        services.AddSingleton<CursorTokens>();

        services.AddSingleton(provider => new MessageBudgets(provider.GetRequiredService<IOptions<LimitOptions>>().Value.MaxMessageBytes));
        services.AddSingleton<DocumentFramer>();
        services.AddSingleton<DocumentLookup>();
        services.AddSingleton<DocumentPager>();
        services.AddSingleton<DocumentStreamer>();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ChangeNotifications>();
        services.AddSingleton<IChangeFeedFollower>(provider => provider.GetRequiredService<ChangeNotifications>());
        services.AddSingleton<RecentChanges>();
        services.AddSingleton<DocumentWatcher>();

        services.AddSingleton<ServiceReadiness>();
        services.AddOptions<ShutdownOptions>()
            .Bind(configuration.GetSection("Shutdown"))
            .Validate(shutdown => shutdown.DrainTimeout >= TimeSpan.Zero, "Shutdown:DrainTimeout must not be negative.")
            .ValidateOnStart();
        var drainTimeout = configuration.GetSection("Shutdown").Get<ShutdownOptions>()?.DrainTimeout ?? new ShutdownOptions().DrainTimeout;
        services.Configure<HostOptions>(host => host.ShutdownTimeout = drainTimeout + ShutdownOptions.CompletionGrace);
        services.AddSingleton<ShutdownDrain>();
        services.AddHostedService(provider => provider.GetRequiredService<ShutdownDrain>());
        services.AddHostedService<CorpusStartup>();
        // After CorpusStartup, whose start opens the store: hosted services start in the order they are added.
        services.AddHostedService<ChangeListener>();
        services.AddHostedService<DeletionPruner>();
        return builder;
    }

    /// <summary>Replaces grpc-dotnet's binder provider with <see cref="CheckedServiceMethodProvider{TService}"/>; call after every <c>AddGrpc*</c> registration.</summary>
    private static void ReplaceBinderProvider(IServiceCollection services)
    {
        var replaced = services.Where(descriptor => descriptor.ServiceType == typeof(IServiceMethodProvider<>)
            && descriptor.ImplementationType?.Name == ReplacedProviderName).ToList();
        if (replaced.Count != 1)
        {
            throw new InvalidOperationException(
                $"Expected grpc-dotnet to register one {ReplacedProviderName}, found {replaced.Count}: has the package changed how it maps services?");
        }

        services.Remove(replaced[0]);
        services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(IServiceMethodProvider<>), typeof(CheckedServiceMethodProvider<>)));
    }
}
