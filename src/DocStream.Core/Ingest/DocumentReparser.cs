using System.Text;
using DocStream.Core.Documents;
using DocStream.Core.Parsing;
using DocStream.Core.Storage;

namespace DocStream.Core.Ingest;

/// <summary>
/// Brings parsed fields up to date after a parser upgrade: re-parses, from the raw bytes that never change, every
/// document parsed by an older <see cref="ArticleParser.Version"/>.
/// </summary>
/// <param name="reader">Finds the stale documents.</param>
/// <param name="writer">Stores their new parse.</param>
public sealed class DocumentReparser(IDocumentReader reader, IDocumentWriter writer)
{
    /// <summary>Documents re-parsed and replaced per transaction.</summary>
    public const int BatchSize = 64;

    /// <summary>Re-parses every stale document, in batches; returns how many were updated.</summary>
    public async Task<int> ReparseStaleAsync(CancellationToken cancellationToken)
    {
        var updated = 0;
        var query = new DocumentQuery { Parts = DocumentParts.RawContent, Limit = BatchSize, ParsedBeforeVersion = ArticleParser.Version };
        while (true)
        {
            var page = await reader.ReadAsync(query, cancellationToken);
            if (page.Documents.Count == 0)
            {
                return updated;
            }

            // Stored bytes passed strict UTF-8 validation at ingest.
            var replacements = page.Documents
                .Select(document => new ParsedReplacement(document.Id, ArticleParser.Parse(Encoding.UTF8.GetString(document.RawContent!))))
                .ToArray();
            updated += await writer.ReplaceParsedAsync(replacements, ArticleParser.Version, cancellationToken);
            if (!page.MoreMayFollow)
            {
                return updated;
            }

            query = query with { AfterSequence = page.Documents[^1].Sequence };
        }
    }
}
