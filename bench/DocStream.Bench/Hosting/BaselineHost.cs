using System.Runtime.CompilerServices;
using DocStream.Contracts.V1;
using DocStream.Core.Documents;
using DocStream.Core.Storage;
using DocStream.Storage.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DocStream.Bench.Hosting;

/// <summary>
/// The baseline servers, run as their own process (<c>DocStream.Bench serve-baselines</c>) so they can be pinned
/// to the server core like DocStream itself:
/// <list type="bullet">
/// <item><c>GET /raw?repeat=N</c> over h2c: a file of pre-serialized StreamDocuments messages sent (N times) as one HTTP/2 response (transport limit).</item>
/// <item><c>GET /json</c> over HTTP/1.1: the stored documents read from the same SQLite store, streamed as one JSON array (REST-like).</item>
/// <item>gRPC over h2c: <see cref="BareDocumentService"/> answering GetDocument with a fixed document and
/// StreamDocuments with the recorded messages of each view, from memory.</item>
/// </list>
/// </summary>
public static class BaselineHost
{
    /// <summary>The line printed once the host listens.</summary>
    public const string ReadyLine = "baselines ready";

    private const int ReadBatch = 64;
    private const long ReadBatchBytes = 8L * 1024 * 1024;

    /// <summary>Runs the host until killed. Arguments: h2c port, HTTP/1.1 port, SQLite file, raw file, fixed document file.</summary>
    public static async Task RunAsync(string[] arguments)
    {
        var (h2Port, h1Port, sqliteFile, rawFile, documentFile) =
            (int.Parse(arguments[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(arguments[1], System.Globalization.CultureInfo.InvariantCulture),
             arguments[2], arguments[3], arguments[4]);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(System.Net.IPAddress.Loopback, h2Port, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Listen(System.Net.IPAddress.Loopback, h1Port, listen => listen.Protocols = HttpProtocols.Http1);
        });
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, BaselineJsonContext.Default));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<IDocumentStore>(_ => SqliteDocumentStore.Open(sqliteFile));
        var document = File.Exists(documentFile) ? Document.Parser.ParseFrom(await File.ReadAllBytesAsync(documentFile)) : new Document();
        builder.Services.AddSingleton(new FixedDocument(document));
        builder.Services.AddSingleton(new RecordedStreams(rawFile));

        var app = builder.Build();
        await app.Services.GetRequiredService<IDocumentStore>().InitializeAsync(CancellationToken.None);
        app.MapGet("/raw", async (HttpContext context, int? repeat) =>
        {
            context.Response.ContentType = "application/octet-stream";
            for (var i = 0; i < (repeat ?? 1); i++)
            {
                await context.Response.SendFileAsync(rawFile, context.RequestAborted);
            }
        });
        app.MapGet("/json", (IDocumentStore store, CancellationToken cancellationToken) => ReadAllAsync(store, cancellationToken));
        app.MapGrpcService<BareDocumentService>();
        await app.StartAsync();
        Console.WriteLine(ReadyLine);
        await app.WaitForShutdownAsync();
    }

    private static async IAsyncEnumerable<BaselineDocument> ReadAllAsync(IDocumentStore store, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = new DocumentQuery { Parts = DocumentParts.Full, Limit = ReadBatch, MaxBytes = ReadBatchBytes };
        while (true)
        {
            var page = await store.Reader.ReadAsync(query, cancellationToken);
            foreach (var document in page.Documents)
            {
                yield return BaselineDocument.From(document);
            }

            if (!page.MoreMayFollow)
            {
                yield break;
            }

            query = query with { AfterSequence = page.Documents[^1].Sequence };
        }
    }
}
