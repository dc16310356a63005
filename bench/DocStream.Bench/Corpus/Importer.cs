using System.Diagnostics;
using DocStream.Contracts.V1;
using Google.Protobuf;

namespace DocStream.Bench.Corpus;

/// <summary>What an import did.</summary>
/// <param name="Documents">Documents sent.</param>
/// <param name="Bytes">Raw bytes sent.</param>
/// <param name="Created">Documents the server stored for the first time.</param>
/// <param name="Failed">Documents the server rejected.</param>
/// <param name="Elapsed">Wall time from the first send to the last answer.</param>
public sealed record ImportStats(long Documents, long Bytes, long Created, long Failed, TimeSpan Elapsed)
{
    /// <summary>Documents per second.</summary>
    public double DocsPerSecond => Documents / Elapsed.TotalSeconds;

    /// <summary>Raw megabytes (MiB) per second.</summary>
    public double MegabytesPerSecond => Bytes / 1048576.0 / Elapsed.TotalSeconds;
}

/// <summary>Sends generated documents through ImportDocuments, a bounded number per call.</summary>
public static class Importer
{
    /// <summary>Documents per ImportDocuments call.</summary>
    public const int DocumentsPerCall = 1000;

    /// <summary>Imports <paramref name="documents"/>, streaming them as they are generated.</summary>
    public static async Task<ImportStats> ImportAsync(
        DocumentService.DocumentServiceClient client, IEnumerable<GeneratedDocument> documents, Action<long>? progress = null)
    {
        var stopwatch = Stopwatch.StartNew();
        long count = 0, bytes = 0, created = 0, failed = 0;
        using var enumerator = documents.GetEnumerator();
        var more = enumerator.MoveNext();
        while (more)
        {
            using var call = client.ImportDocuments();
            for (var i = 0; i < DocumentsPerCall && more; i++, more = enumerator.MoveNext())
            {
                var document = enumerator.Current;
                await call.RequestStream.WriteAsync(new ImportDocumentsRequest
                {
                    Content = UnsafeByteOperations.UnsafeWrap(document.Content),
                    SourceUri = document.SourceUri,
                });
                count++;
                bytes += document.Content.Length;
            }

            await call.RequestStream.CompleteAsync();
            var response = await call;
            created += response.CreatedCount;
            failed += response.FailedCount;
            progress?.Invoke(count);
        }

        return new ImportStats(count, bytes, created, failed, stopwatch.Elapsed);
    }
}
