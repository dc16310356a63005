using DocStream.Contracts.V1;
using DocStream.Core.Documents;
using DocStream.Core.Documents.Wire;
using DocStream.Core.Paging;
using DocStream.Core.Querying;
using DocStream.Core.Storage;

namespace DocStream.Server.Application;

/// <summary>One page of a listing.</summary>
/// <param name="Documents">The documents, oldest first.</param>
/// <param name="NextPageToken">Continues the listing after the last of them; empty when nothing follows.</param>
/// <param name="OversizedDocuments">
/// Names of the documents too large for a message in the parts asked for, which are in <paramref name="Documents"/>
/// with their basic parts only.
/// </param>
public sealed record DocumentListPage(IReadOnlyList<StoredDocument> Documents, string NextPageToken, IReadOnlyList<string> OversizedDocuments);

/// <summary>
/// ListDocuments: pages of the documents a filter selects, in a stable order (oldest first), each page as large as
/// asked but never over one message, with a page token bound to the filter and parts (AIP-158).
/// </summary>
/// <param name="reader">The store's reads.</param>
/// <param name="tokens">Decodes and issues page tokens.</param>
/// <param name="budgets">How many bytes a page may hold.</param>
public sealed class DocumentPager(IDocumentReader reader, CursorTokens tokens, MessageBudgets budgets)
{
    /// <summary>Page size when the caller gives none.</summary>
    public const int DefaultPageSize = 50;

    /// <summary>Largest page; larger requests are lowered to it (AIP-158).</summary>
    public const int MaxPageSize = 1000;

    /// <summary>
    /// The page of up to <paramref name="requestedPageSize"/> documents of <paramref name="filter"/> (0 for
    /// <see cref="DefaultPageSize"/>; more than <see cref="MaxPageSize"/> is lowered to it), holding
    /// <paramref name="parts"/>, that follows <paramref name="pageToken"/> (the first page when it is empty). The page
    /// is shorter when the next document would not fit in the response. A document that alone does not fit in a
    /// message with <paramref name="parts"/> goes with its basic parts and is named in
    /// <see cref="DocumentListPage.OversizedDocuments"/>, so that no document stops a listing. The token is empty
    /// when no document follows; it can lead to an empty last page only after a page whose one document filled it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="requestedPageSize"/> is negative.</exception>
    /// <exception cref="InvalidCursorTokenException">The page token is malformed or from another listing.</exception>
    public async Task<DocumentListPage> ListAsync(
        DocumentFilter filter, DocumentParts parts, int requestedPageSize, string? pageToken, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(requestedPageSize);
        var pageSize = requestedPageSize == 0 ? DefaultPageSize : Math.Min(requestedPageSize, MaxPageSize);
        using var cursor = await tokens.OpenAsync(CursorScope.ForList(filter, parts), pageToken, cancellationToken);
        var budget = budgets.ListPageBytes(pageSize);
        // One document more than the page, and the one that crosses the budget, say whether another page follows.
        var read = await reader.ReadAsync(
            new DocumentQuery { Filter = filter, Parts = parts, AfterSequence = cursor.After, Limit = pageSize + 1, MaxBytes = budget },
            cancellationToken);
        var page = new List<StoredDocument>(Math.Min(read.Documents.Count, pageSize));
        var oversized = new List<string>();
        long bytes = 0;
        foreach (var document in read.Documents)
        {
            var fits = budgets.FitsInOneMessage(document);
            var sent = fits ? document : document.WithParts(DocumentParts.Basic);
            var cost = sent.SerializedSize + (fits ? 0 : WireSize.String(ListDocumentsResponse.OversizedDocumentsFieldNumber, document.Name));
            // The first document always goes, alone if it must: in basic parts every document fits in a message.
            if (page.Count == pageSize || (page.Count > 0 && bytes + cost > budget))
            {
                break;
            }

            if (!fits)
            {
                oversized.Add(document.Name);
            }

            page.Add(sent);
            bytes += cost;
        }

        var moreFollow = page.Count < read.Documents.Count || read.MoreMayFollow;
        return new DocumentListPage(page, moreFollow ? cursor.TokenAfter(page[^1].Sequence) : "", oversized);
    }
}
