using DocStream.Core.Documents;
using DocStream.Core.Paging;
using DocStream.Core.Querying;
using DocStream.Core.Storage;

namespace DocStream.Server.Application;

/// <summary>One page of a listing.</summary>
/// <param name="Documents">The documents, oldest first.</param>
/// <param name="NextPageToken">Continues the listing after the last of them; empty when nothing follows.</param>
public sealed record DocumentListPage(IReadOnlyList<StoredDocument> Documents, string NextPageToken);

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
    /// The page of up to <paramref name="pageSize"/> documents of <paramref name="filter"/>, holding
    /// <paramref name="parts"/>, that follows <paramref name="pageToken"/> (the first page when it is empty). The page
    /// is shorter when the next document would not fit in the response; the token is empty only when no document
    /// follows.
    /// </summary>
    /// <exception cref="InvalidCursorTokenException">The page token is malformed or from another listing.</exception>
    /// <exception cref="DocumentTooLargeForMessageException">The next document alone does not fit in a message.</exception>
    public async Task<DocumentListPage> ListAsync(DocumentFilter filter, DocumentParts parts, int pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);
        using var cursor = await tokens.OpenAsync(CursorScope.ForList(filter, parts), pageToken, cancellationToken);
        var page = await reader.ReadAsync(
            new DocumentQuery { Filter = filter, Parts = parts, AfterSequence = cursor.After, Limit = pageSize, MaxBytes = budgets.ListPageBytes(pageSize) },
            cancellationToken);
        // Only a page's first document can exceed the page budget; if it exceeds a message too, no page can hold it.
        if (page.Documents is [var first, ..] && !budgets.FitsInOneMessage(first))
        {
            throw new DocumentTooLargeForMessageException(first.Name, first.SerializedSize, budgets.MaxMessageBytes);
        }

        return new DocumentListPage(page.Documents, page.HasMore ? cursor.TokenAfter(page.Documents[^1].Sequence) : "");
    }
}
