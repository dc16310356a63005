using System.Net;
using DocStream.Server.Telemetry;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace DocStream.Server.Extensions;

/// <summary>
/// OpenTelemetry for the host: traces (ASP.NET Core's, one span per call) and metrics (ASP.NET Core's HTTP metrics,
/// the .NET runtime's and <see cref="DocStreamMetrics"/>), exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
/// is set and scraped by Prometheus on a port of their own when <c>Telemetry:PrometheusUrl</c> is.
/// </summary>
public static class DocStreamTelemetryExtensions
{
    /// <summary>The setting of the Prometheus scrape endpoint's URL, e.g. <c>http://127.0.0.1:9464</c>; unset, none.</summary>
    public const string PrometheusUrlSetting = "Telemetry:PrometheusUrl";

    /// <summary>Adds the meter, its interceptor's dependencies, the index lag sampler and the OpenTelemetry pipeline.</summary>
    public static WebApplicationBuilder AddDocStreamTelemetry(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<DocStreamMetrics>();
        services.AddHostedService<IndexLagSampler>();

        var prometheus = PrometheusUri(builder.Configuration);
        var otlp = !string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var openTelemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("docstream", serviceVersion: typeof(DocStreamMetrics).Assembly.GetName().Version?.ToString()))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(DocStreamMetrics.MeterName).AddAspNetCoreInstrumentation().AddRuntimeInstrumentation();
                if (prometheus is not null)
                {
                    metrics.AddPrometheusExporter();
                }
            });
        if (otlp)
        {
            // Spans only where they go somewhere: recording them costs every request.
            openTelemetry.WithTracing(tracing => tracing.AddAspNetCoreInstrumentation()).UseOtlpExporter();
        }

        if (prometheus is not null)
        {
            // Its own listener, HTTP/1.1 as scrapers speak it, beside the endpoints of the configuration.
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(
                IPAddress.Parse(prometheus.Host), prometheus.Port, listen => listen.Protocols = HttpProtocols.Http1));
        }

        return builder;
    }

    /// <summary>
    /// Serves <c>/metrics</c> on the Prometheus listener and nothing else there, when one is configured; call it first
    /// in the pipeline. The listener is told apart by the connection's local port, not the Host header a client
    /// chooses, so the API never answers on the metrics port and the metrics never on the API's.
    /// </summary>
    public static WebApplication UseDocStreamTelemetry(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (PrometheusUri(app.Configuration) is { } prometheus)
        {
            app.UseOpenTelemetryPrometheusScrapingEndpoint(context => context.Connection.LocalPort == prometheus.Port && context.Request.Path == "/metrics");
            app.Use((context, next) =>
            {
                if (context.Connection.LocalPort != prometheus.Port)
                {
                    return next(context);
                }

                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            });
        }

        return app;
    }

    private static Uri? PrometheusUri(IConfiguration configuration)
    {
        var value = configuration[PrometheusUrlSetting];
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == "http" && IPAddress.TryParse(uri.Host, out _) && uri.Port > 0
            ? uri
            : throw new InvalidOperationException($"{PrometheusUrlSetting} \"{value}\" must be http://ADDRESS:PORT with an IP address, e.g. http://127.0.0.1:9464.");
    }
}
