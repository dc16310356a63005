using DocStream.Core.Documents;
using DocStream.Core.Parsing;

namespace DocStream.Core.Storage;

/// <summary>
/// The store's writes. Each write that changes a document takes the next number of the change feed
/// (<see cref="IChangeFeed"/>); a write that changes nothing takes none.
/// </summary>
public interface IDocumentWriter
{
    /// <summary>
    /// Stores each of <paramref name="documents"/>, in one transaction, unless a document with the same id exists.
    /// Returns, in the same order, each document (<see cref="DocumentParts.Basic"/>) and whether this call created it.
    /// </summary>
    Task<IReadOnlyList<AddResult>> AddAsync(IReadOnlyList<NewDocument> documents, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces, in one transaction, the parsed fields of each document in <paramref name="replacements"/> with what
    /// parser version <paramref name="parserVersion"/> read, and gives each a new etag. The raw content never
    /// changes. Returns how many of the documents still existed and were replaced.
    /// </summary>
    Task<int> ReplaceParsedAsync(IReadOnlyList<ParsedReplacement> replacements, int parserVersion, CancellationToken cancellationToken);

    /// <summary>Deletes a document, only when its etag equals <paramref name="expectedEtag"/> if one is given.</summary>
    Task<DeleteOutcome> DeleteAsync(string id, string? expectedEtag, CancellationToken cancellationToken);

    /// <summary>
    /// Groups, in one transaction and in sequence order, the documents <paramref name="query"/> selects, each against the
    /// documents stored before it, as their first grouping did; a document whose story or original changes gets a new
    /// etag and change number. For RegroupStories (after <see cref="ForgetStoriesAsync"/>) and for documents stored
    /// before grouping existed.
    /// </summary>
    /// <exception cref="InvalidOperationException">The store was opened without grouping.</exception>
    Task<GroupingPage> GroupAsync(GroupingQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Forgets every story and what grouping finds candidates through, keeping each document's story until
    /// <see cref="GroupAsync"/> reaches it. Changes no document.
    /// </summary>
    Task ForgetStoriesAsync(CancellationToken cancellationToken);
}

/// <summary>Which documents one <see cref="IDocumentWriter.GroupAsync"/> call groups.</summary>
/// <param name="AfterSequence">Only documents stored after this one.</param>
/// <param name="Limit">At most this many.</param>
/// <param name="UngroupedOnly">Only documents that have no story yet.</param>
public sealed record GroupingQuery(long AfterSequence, int Limit, bool UngroupedOnly);

/// <summary>What one <see cref="IDocumentWriter.GroupAsync"/> call did.</summary>
/// <param name="Grouped">Documents grouped.</param>
/// <param name="Changed">Of those, documents whose story or original changed.</param>
/// <param name="LastSequence">The last document grouped: where the next call continues.</param>
/// <param name="MoreMayFollow">True when the call reached its limit.</param>
public sealed record GroupingPage(int Grouped, int Changed, long LastSequence, bool MoreMayFollow);

/// <summary>The outcome of storing one document.</summary>
/// <param name="Document">The stored document, in <see cref="DocumentParts.Basic"/>.</param>
/// <param name="Created">True when this call stored it; false when the same content was already there.</param>
public sealed record AddResult(StoredDocument Document, bool Created);

/// <summary>New parsed fields for a stored document (<see cref="IDocumentWriter.ReplaceParsedAsync"/>).</summary>
/// <param name="Id">The document id.</param>
/// <param name="Parsed">What the current parser reads in its raw bytes.</param>
public sealed record ParsedReplacement(string Id, ParsedArticle Parsed);

/// <summary>What a delete did.</summary>
public enum DeleteOutcome
{
    /// <summary>The document was deleted.</summary>
    Deleted,

    /// <summary>No document has that id.</summary>
    NotFound,

    /// <summary>The document exists but its etag differs from the expected one; nothing was deleted.</summary>
    EtagMismatch,
}
