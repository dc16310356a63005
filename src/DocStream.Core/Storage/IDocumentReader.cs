using DocStream.Core.Documents;
using DocStream.Core.Querying;

namespace DocStream.Core.Storage;

/// <summary>The store's reads. Every read sees every write committed before it started.</summary>
public interface IDocumentReader
{
    /// <summary>Finds a document by id, holding <paramref name="parts"/>; null when there is none.</summary>
    Task<StoredDocument?> FindAsync(string id, DocumentParts parts, CancellationToken cancellationToken);

    /// <summary>Reads the page of documents <paramref name="query"/> selects, in sequence order.</summary>
    Task<DocumentPage> ReadAsync(DocumentQuery query, CancellationToken cancellationToken);

    /// <summary>Counts the stored documents.</summary>
    Task<long> CountAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Which documents to read, from where, how many, and holding which parts. A page holds at most
/// <see cref="Limit"/> documents and ends with the one that takes the sum of their
/// <see cref="StoredDocument.SerializedSize"/> to <see cref="MaxBytes"/> or over: a store reads each document once,
/// so it never reads one it would then leave out. A caller that must stay under a budget leaves out what crosses it.
/// </summary>
public sealed record DocumentQuery
{
    /// <summary>Which documents match; every one by default.</summary>
    public DocumentFilter Filter { get; init; } = DocumentFilter.All;

    /// <summary>What each document holds beyond the stored fields and the metadata.</summary>
    public DocumentParts Parts { get; init; }

    /// <summary>Only documents whose sequence is greater than this; 0 from the start.</summary>
    public long AfterSequence { get; init; }

    /// <summary>Most documents in the page; at least 1.</summary>
    public required int Limit { get; init; }

    /// <summary>The bytes of serialized documents after which the page ends (with the document that reaches them).</summary>
    public long MaxBytes { get; init; } = long.MaxValue;

    /// <summary>When set, only documents whose parsed fields come from a parser older than this version.</summary>
    public int? ParsedBeforeVersion { get; init; }
}

/// <summary>One page of a <see cref="DocumentQuery"/>.</summary>
/// <param name="Documents">The documents, in sequence order.</param>
/// <param name="MoreMayFollow">
/// True when the page ended at its limit or byte budget, so that more documents may match after its last one (the
/// next page may be empty); false when no further document matched when the page was read.
/// </param>
public sealed record DocumentPage(IReadOnlyList<StoredDocument> Documents, bool MoreMayFollow)
{
    /// <summary>No documents, and none after.</summary>
    public static DocumentPage Empty { get; } = new([], false);
}
