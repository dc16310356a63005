using System.Runtime.CompilerServices;
using DocStream.Core.Ingest;
using DocStream.Core.Parsing;
using DocStream.Core.Storage;
using DocStream.Server.Application;
using DocStream.Server.Extensions;
using Microsoft.Extensions.Options;

namespace DocStream.Server.Hosting;

/// <summary>
/// Opens the store and brings what follows it (the search index) in line before the server takes requests; then,
/// in the background, re-parses documents an older parser read, groups documents stored before grouping into stories,
/// imports the sample corpus into an empty store,
/// and marks the server as serving.
/// </summary>
public sealed partial class CorpusStartup(
    IDocumentStore store,
    IEnumerable<IChangeFeedFollower> followers,
    DocumentReparser reparser,
    DocumentIngestor ingestor,
    StoryRegrouper regrouper,
    ServiceReadiness readiness,
    IOptions<CorpusOptions> options,
    IOptions<StorageOptions> storage,
    ILogger<CorpusStartup> logger) : BackgroundService
{
    /// <inheritdoc />
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        LogOpening(storage.Value.Provider, Path.GetFullPath(storage.Value.DataDirectory));
        await store.InitializeAsync(cancellationToken);
        foreach (var follower in followers)
        {
            await follower.InitializeAsync(cancellationToken);
        }

        await base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reparsed = await reparser.ReparseStaleAsync(stoppingToken);
        if (reparsed > 0)
        {
            LogReparsed(reparsed, ArticleParser.Version);
        }

        if (regrouper.Enabled)
        {
            // Documents stored before this server grouped any (an upgrade, or grouping switched on) join stories now.
            await foreach (var progress in regrouper.GroupUngroupedAsync(stoppingToken))
            {
                if (progress.Done && progress.Grouped > 0)
                {
                    LogGrouped(progress.Grouped);
                }
            }
        }

        var corpus = options.Value;
        if (corpus.ImportSamplesWhenEmpty && await store.Reader.CountAsync(stoppingToken) == 0)
        {
            var directory = corpus.ResolvedSampleDirectory;
            if (Directory.Exists(directory))
            {
                var imported = 0;
                await foreach (var outcome in ingestor.IngestManyAsync(ReadSamplesAsync(directory, stoppingToken), stoppingToken))
                {
                    if (outcome.Error is { } error)
                    {
                        // A bad sample must not keep the server from serving; the operator sees why it was skipped.
                        LogSampleRejected(outcome.SourceUri, error.Message);
                    }
                    else
                    {
                        imported++;
                    }
                }

                LogSamplesImported(imported, directory);
            }
            else
            {
                LogSamplesMissing(directory);
            }
        }

        readiness.CorpusLoaded();
        LogServing();
    }

    private static async IAsyncEnumerable<RawDocument> ReadSamplesAsync(string directory, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var file in Directory.GetFiles(directory, "*.txt").Order(StringComparer.Ordinal))
        {
            yield return new RawDocument(await File.ReadAllBytesAsync(file, cancellationToken), Path.GetFileName(file));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Opening the {Provider} store; data directory {DataDirectory}")]
    private partial void LogOpening(string provider, string dataDirectory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-parsed {Count} documents with parser version {Version}")]
    private partial void LogReparsed(int count, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Grouped {Count} documents stored before grouping into stories")]
    private partial void LogGrouped(long count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Store open and corpus loaded; health reports SERVING")]
    private partial void LogServing();

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported {Count} sample documents from {Directory}")]
    private partial void LogSamplesImported(int count, string directory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sample {File} was not imported: {Problem}")]
    private partial void LogSampleRejected(string file, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sample corpus directory {Directory} does not exist; starting with an empty store")]
    private partial void LogSamplesMissing(string directory);
}
