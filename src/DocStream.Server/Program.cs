using DocStream.Server.Extensions;
using DocStream.Server.Grpc;

// appsettings.json sits beside the binary, so the server reads it from wherever it is started.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddEnvironmentVariables(prefix: "DOCSTREAM_");
builder.AddDocStreamServices();
builder.AddDocStreamSearch();
builder.AddDocStreamStories();
builder.AddDocStreamTelemetry();
builder.AddDocStreamSecurity();

var app = builder.Build();
app.UseDocStreamTelemetry();
app.UseAuthentication();
// gRPC-Web for browsers and HTTP/1.1 tools, on every endpoint; JSON transcoding needs no middleware of its own.
app.UseGrpcWeb(new GrpcWebOptions { DefaultEnabled = true });
app.MapGrpcService<DocumentService>();
app.MapGrpcHealthChecksService();
app.MapGrpcReflectionService();
app.Run();

/// <summary>The host's entry point, public so that tests can start it in process.</summary>
public partial class Program;
