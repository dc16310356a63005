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
}

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
