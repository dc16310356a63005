using System.Runtime.CompilerServices;
using DocStream.Core.Documents;
using DocStream.Core.Storage;

namespace DocStream.Server.Application;

/// <summary>One message of a BatchGetDocuments answer: a frame of a found document, or a name that does not exist.</summary>
public sealed class LookupFrame
{
    private LookupFrame(DocumentFrame? found, string? missingName)
    {
        Found = found;
        MissingName = missingName;
    }

    /// <summary>What of the found document the message carries; null when the name does not exist.</summary>
    public DocumentFrame? Found { get; }

    /// <summary>The requested name that does not exist; null for a found document.</summary>
    public string? MissingName { get; }

    /// <summary>A message carrying <paramref name="frame"/> of a found document.</summary>
    public static LookupFrame ForFound(DocumentFrame frame) => new(frame, null);

    /// <summary>A message saying that <paramref name="name"/> does not exist.</summary>
    public static LookupFrame ForMissing(string name) => new(null, name);
}

/// <summary>GetDocument and BatchGetDocuments: documents by id.</summary>
/// <param name="reader">The store's reads.</param>
/// <param name="framer">Splits documents too large for a message.</param>
/// <param name="budgets">What fits in a message.</param>
public sealed class DocumentLookup(IDocumentReader reader, DocumentFramer framer, MessageBudgets budgets)
{
    /// <summary>Most ids one batch may ask for.</summary>
    public const int MaxBatchIds = 1000;

    /// <summary>The document <paramref name="id"/> holding <paramref name="parts"/>, to be sent whole.</summary>
    /// <exception cref="DocumentNotFoundException">No document has that id.</exception>
    /// <exception cref="DocumentTooLargeForMessageException">It does not fit in one message.</exception>
    public async Task<StoredDocument> GetAsync(string id, DocumentParts parts, CancellationToken cancellationToken)
    {
        var document = await reader.FindAsync(id, parts, cancellationToken) ?? throw new DocumentNotFoundException(DocumentName.Format(id));
        if (!budgets.FitsInOneMessage(document))
        {
            throw new DocumentTooLargeForMessageException(document.Name, document.SerializedSize, budgets.MaxMessageBytes);
        }

        return document;
    }

    /// <summary>
    /// The answer for each of <paramref name="ids"/>, in order and duplicates included: the frames of the document
    /// (whole, or a header and chunks), or its name as missing. Documents are read one at a time as they are sent.
    /// </summary>
    public async IAsyncEnumerable<LookupFrame> BatchGetAsync(
        IReadOnlyList<string> ids, DocumentParts parts, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        foreach (var id in ids)
        {
            if (await reader.FindAsync(id, parts, cancellationToken) is not { } document)
            {
                yield return LookupFrame.ForMissing(DocumentName.Format(id));
                continue;
            }

            foreach (var frame in framer.Frame(document))
            {
                yield return LookupFrame.ForFound(frame);
            }
        }
    }
}
