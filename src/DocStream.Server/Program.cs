using DocStream.Server.Extensions;
using DocStream.Server.Grpc;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddEnvironmentVariables(prefix: "DOCSTREAM_");
builder.AddDocStreamServices();

var app = builder.Build();
app.MapGrpcService<DocumentService>();
app.MapGrpcHealthChecksService();
app.MapGrpcReflectionService();
app.Run();

/// <summary>The host's entry point, public so that tests can start it in process.</summary>
public partial class Program;
