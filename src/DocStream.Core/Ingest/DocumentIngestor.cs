using DocStream.Core.Documents;
using DocStream.Core.Storage;

namespace DocStream.Core.Ingest;

/// <summary>Validates, parses and stores raw documents. Ingest is idempotent: the same bytes give the same document.</summary>
/// <param name="store">Where documents go.</param>
/// <param name="preparer">Validates and parses.</param>
public sealed class DocumentIngestor(IDocumentStore store, DocumentPreparer preparer)
{
    /// <summary>Stores <paramref name="content"/> unless the same bytes are already stored.</summary>
    /// <returns>The stored document (without content if it already existed) and whether this call created it.</returns>
    /// <exception cref="InvalidDocumentException">The content is empty, too large or not UTF-8; nothing was stored.</exception>
    public async Task<AddResult> IngestAsync(byte[] content, string sourceUri, CancellationToken cancellationToken)
    {
        var document = preparer.Prepare(content, sourceUri);
        return (await store.AddManyAsync([document], cancellationToken))[0];
    }
}
