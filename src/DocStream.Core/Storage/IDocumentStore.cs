using DocStream.Core.Documents;
using DocStream.Core.Parsing;
using DocStream.Core.Querying;

namespace DocStream.Core.Storage;

/// <summary>
/// Durable storage of documents. Implementations keep the raw bytes exactly as given and order documents by
/// insertion so that pages and streams are stable.
/// </summary>
public interface IDocumentStore
{
    /// <summary>Opens the store, creating or migrating its schema. Call once before anything else.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores each of <paramref name="documents"/>, in one transaction, unless a document with the same id exists.
    /// Returns, in the same order, each stored document and whether this call created it; a document that already
    /// existed comes back without content.
    /// </summary>
    Task<IReadOnlyList<AddResult>> AddManyAsync(IReadOnlyList<NewDocument> documents, CancellationToken cancellationToken);

    /// <summary>Finds a document by id; null when there is none.</summary>
    /// <param name="id">The document id.</param>
    /// <param name="includeContent">False to skip the raw bytes, body and teasers.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<StoredDocument?> FindAsync(string id, bool includeContent, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the documents matching <paramref name="filter"/> whose sequence is greater than
    /// <paramref name="afterSequence"/>, in sequence order: at most <paramref name="limit"/> of them, and no more
    /// once <paramref name="maxBytes"/> of raw content has been read (but always at least one).
    /// </summary>
    Task<IReadOnlyList<StoredDocument>> ReadAfterAsync(
        DocumentFilter filter, long afterSequence, int limit, long maxBytes, bool includeContent, CancellationToken cancellationToken);

    /// <summary>
    /// Like <see cref="FindAsync"/> with content, except that the body and teasers come undecoded in
    /// <see cref="StoredDocument.EncodedContent"/>, ready to be sent as they are.
    /// </summary>
    Task<StoredDocument?> FindEncodedAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Like <see cref="ReadAfterAsync"/> with content, except that the body and teasers come undecoded in
    /// <see cref="StoredDocument.EncodedContent"/>, ready to be sent as they are.
    /// </summary>
    Task<IReadOnlyList<StoredDocument>> ReadEncodedAfterAsync(
        DocumentFilter filter, long afterSequence, int limit, long maxBytes, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes a document, only when its etag equals <paramref name="expectedEtag"/> if one is given.
    /// </summary>
    Task<DeleteOutcome> DeleteAsync(string id, string? expectedEtag, CancellationToken cancellationToken);

    /// <summary>
    /// Reads, with content and in sequence order, up to <paramref name="limit"/> documents after
    /// <paramref name="afterSequence"/> whose parsed fields come from a parser older than
    /// <paramref name="parserVersion"/>.
    /// </summary>
    Task<IReadOnlyList<StoredDocument>> ReadParsedBeforeAsync(int parserVersion, long afterSequence, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the parsed fields of a document with <paramref name="parsed"/>, produced by parser version
    /// <paramref name="parserVersion"/>, and gives it a new etag. The raw content never changes. Returns false when
    /// the document no longer exists.
    /// </summary>
    Task<bool> UpdateParsedAsync(string id, ParsedArticle parsed, int parserVersion, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the change feed: up to <paramref name="limit"/> changes numbered after <paramref name="afterChange"/>,
    /// in change order. Every write (insert, re-parse, delete) takes the next change number; a document appears
    /// once, at the number of its latest write, with its parsed fields (body included, raw bytes not); each delete
    /// appears as a deletion. Applying the changes in order yields the store's state as of the last one, even for
    /// an id deleted and stored again (its deletion comes first).
    /// </summary>
    Task<IReadOnlyList<DocumentChange>> ReadChangesAsync(long afterChange, int limit, CancellationToken cancellationToken);

    /// <summary>The number of the latest committed change; 0 when nothing was ever written.</summary>
    Task<long> GetLastChangeAsync(CancellationToken cancellationToken);

    /// <summary>Counts the stored documents.</summary>
    Task<long> CountAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Returns the random secret stored under <paramref name="name"/>, creating it on first use, so that every
    /// instance sharing the store signs tokens with the same key.
    /// </summary>
    Task<byte[]> GetOrCreateSecretAsync(string name, CancellationToken cancellationToken);
}

/// <summary>The outcome of storing one document.</summary>
/// <param name="Document">The stored document.</param>
/// <param name="Created">True when this call stored it; false when the same content was already there.</param>
public sealed record AddResult(StoredDocument Document, bool Created);

/// <summary>One entry of the change feed (<see cref="IDocumentStore.ReadChangesAsync"/>).</summary>
/// <param name="Change">The change number: increasing in the order the writes were committed.</param>
/// <param name="Id">The document id.</param>
/// <param name="Document">The document as stored now, without raw bytes; null when the change is its deletion.</param>
public sealed record DocumentChange(long Change, string Id, StoredDocument? Document);

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
