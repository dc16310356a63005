using System.Text;
using DocStream.Core.Parsing;
using DocStream.Core.Storage;

namespace DocStream.Core.Ingest;

/// <summary>
/// Brings parsed fields up to date after a parser upgrade: re-parses, from the raw bytes that never change, every
/// document parsed by an older <see cref="ArticleParser.Version"/>.
/// </summary>
/// <param name="store">The store to refresh.</param>
public sealed class DocumentReparser(IDocumentStore store)
{
    private const int BatchSize = 64;

    /// <summary>Re-parses every stale document, in batches; returns how many were updated.</summary>
    public async Task<int> ReparseStaleAsync(CancellationToken cancellationToken)
    {
        var updated = 0;
        long after = 0;
        while (await store.ReadParsedBeforeAsync(ArticleParser.Version, after, BatchSize, cancellationToken) is { Count: > 0 } batch)
        {
            foreach (var document in batch)
            {
                // Stored bytes passed strict UTF-8 validation at ingest.
                var parsed = ArticleParser.Parse(Encoding.UTF8.GetString(document.RawContent!));
                if (await store.UpdateParsedAsync(document.Id, parsed, ArticleParser.Version, cancellationToken))
                {
                    updated++;
                }

                after = document.Sequence;
            }
        }

        return updated;
    }
}
