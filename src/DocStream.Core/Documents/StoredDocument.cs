using DocStream.Core.Parsing;

namespace DocStream.Core.Documents;

/// <summary>A document as the store holds it.</summary>
/// <param name="Sequence">Insertion order in the store; gives lists and streams their stable order.</param>
/// <param name="Id">The content-derived id (see <see cref="DocumentName"/>).</param>
/// <param name="ContentSha256">Lowercase hex SHA-256 of <paramref name="RawContent"/>.</param>
/// <param name="SourceUri">Where the text came from, as given at ingest.</param>
/// <param name="RawContent">The bytes exactly as ingested; null when read without content.</param>
/// <param name="SizeBytes">Length of the raw content.</param>
/// <param name="Parsed">Fields parsed from the content; Body and ReadAlso are empty when read without content.</param>
/// <param name="ParserVersion">The <see cref="ArticleParser.Version"/> that produced <paramref name="Parsed"/>.</param>
/// <param name="CreateTime">When the document was first stored.</param>
/// <param name="Etag">Changes whenever the stored row changes.</param>
/// <param name="EncodedContent">
/// The body and teasers undecoded, in <see cref="ContentWireFormat"/>; set only by the encoded reads
/// (<see cref="Storage.IDocumentStore.FindEncodedAsync"/>, <see cref="Storage.IDocumentStore.ReadEncodedAfterAsync"/>),
/// which leave <c>Parsed.Body</c> and <c>Parsed.ReadAlso</c> empty.
/// </param>
/// <param name="EncodedMetadata">
/// The rest of the parsed fields undecoded, in <see cref="MetadataWireFormat"/>; set only by the encoded reads, which
/// then leave <paramref name="Parsed"/> as <see cref="ParsedArticle.Empty"/>. Null from rows stored before the
/// metadata had this form: those encoded reads decode <paramref name="Parsed"/> instead.
/// </param>
public sealed record StoredDocument(
    long Sequence,
    string Id,
    string ContentSha256,
    string SourceUri,
    byte[]? RawContent,
    long SizeBytes,
    ParsedArticle Parsed,
    int ParserVersion,
    DateTimeOffset CreateTime,
    string Etag,
    byte[]? EncodedContent = null,
    byte[]? EncodedMetadata = null);
