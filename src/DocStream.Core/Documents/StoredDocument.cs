using DocStream.Core.Documents.Wire;
using DocStream.Core.Parsing;

namespace DocStream.Core.Documents;

/// <summary>
/// A document as the store holds it: the stored fields, and the parts a read asked for (<see cref="Parts"/>) with
/// the parsed fields still in the contract's wire form, so that they go out as they lie on disk. What is present
/// follows from <see cref="Parts"/> alone: <see cref="RawContent"/> is set exactly when it includes
/// <see cref="DocumentParts.RawContent"/>, and <see cref="Body"/> is empty unless it includes
/// <see cref="DocumentParts.Body"/>. <see cref="ReadArticle"/> decodes the parsed fields for code that needs them as
/// values (the search index).
/// </summary>
public sealed class StoredDocument
{
    private int _serializedSize = -1;

    /// <summary>Makes a stored document; the parts given must agree with <paramref name="parts"/>.</summary>
    /// <param name="sequence">Insertion order in the store; gives lists and streams their stable order.</param>
    /// <param name="id">The content-derived id (see <see cref="DocumentName"/>).</param>
    /// <param name="contentSha256">Lowercase hex SHA-256 of the raw content.</param>
    /// <param name="sourceUri">Where the text came from, as given at ingest.</param>
    /// <param name="sizeBytes">Length of the raw content.</param>
    /// <param name="parserVersion">The <see cref="ArticleParser.Version"/> that produced the parsed fields.</param>
    /// <param name="createTime">When the document was first stored.</param>
    /// <param name="etag">Changes whenever the stored document changes.</param>
    /// <param name="parts">What this read holds beyond the stored fields and metadata.</param>
    /// <param name="rawContent">The raw bytes; null unless <paramref name="parts"/> includes them.</param>
    /// <param name="metadata">The parsed metadata in <see cref="MetadataWireFormat"/>.</param>
    /// <param name="body">The body and teasers in <see cref="ContentWireFormat"/>; empty unless <paramref name="parts"/> includes them.</param>
    /// <param name="storyId">The id of its story; null when it has not been grouped.</param>
    /// <param name="nearDuplicateOf">The id of the earliest document it is a near copy of; null when it copies none.</param>
    /// <exception cref="ArgumentException">The raw content or body disagrees with <paramref name="parts"/>.</exception>
    public StoredDocument(
        long sequence,
        string id,
        string contentSha256,
        string sourceUri,
        long sizeBytes,
        int parserVersion,
        DateTimeOffset createTime,
        string etag,
        DocumentParts parts,
        byte[]? rawContent,
        ReadOnlyMemory<byte> metadata,
        ReadOnlyMemory<byte> body,
        string? storyId = null,
        string? nearDuplicateOf = null)
    {
        if (parts.HasFlag(DocumentParts.RawContent) != rawContent is not null)
        {
            throw new ArgumentException($"The raw content must be given exactly when the parts ({parts}) include it.", nameof(rawContent));
        }

        if (!parts.HasFlag(DocumentParts.Body) && !body.IsEmpty)
        {
            throw new ArgumentException($"A body was given but the parts ({parts}) do not include it.", nameof(body));
        }

        Sequence = sequence;
        Id = id;
        ContentSha256 = contentSha256;
        SourceUri = sourceUri;
        SizeBytes = sizeBytes;
        ParserVersion = parserVersion;
        CreateTime = createTime;
        Etag = etag;
        Parts = parts;
        RawContent = rawContent;
        Metadata = metadata;
        Body = body;
        StoryId = storyId;
        NearDuplicateOf = nearDuplicateOf;
    }

    /// <summary>Insertion order in the store; gives lists and streams their stable order.</summary>
    public long Sequence { get; }

    /// <summary>The content-derived id (see <see cref="DocumentName"/>).</summary>
    public string Id { get; }

    /// <summary>Lowercase hex SHA-256 of the raw content.</summary>
    public string ContentSha256 { get; }

    /// <summary>Where the text came from, as given at ingest.</summary>
    public string SourceUri { get; }

    /// <summary>Length of the raw content, whether or not this read holds it.</summary>
    public long SizeBytes { get; }

    /// <summary>The <see cref="ArticleParser.Version"/> that produced the parsed fields.</summary>
    public int ParserVersion { get; }

    /// <summary>When the document was first stored.</summary>
    public DateTimeOffset CreateTime { get; }

    /// <summary>Changes whenever the stored document changes (a re-parse included).</summary>
    public string Etag { get; }

    /// <summary>What this read holds beyond the stored fields and the metadata.</summary>
    public DocumentParts Parts { get; }

    /// <summary>The raw bytes exactly as ingested; null unless <see cref="Parts"/> includes them. Never mutated.</summary>
    public byte[]? RawContent { get; }

    /// <summary>The parsed metadata in <see cref="MetadataWireFormat"/>.</summary>
    public ReadOnlyMemory<byte> Metadata { get; }

    /// <summary>The body and teasers in <see cref="ContentWireFormat"/>; empty unless <see cref="Parts"/> includes them.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The id of its story (see <see cref="Stories.StoryName"/>); null when it has not been grouped.</summary>
    public string? StoryId { get; }

    /// <summary>The id of the earliest stored document it is a near copy of; null when it copies none.</summary>
    public string? NearDuplicateOf { get; }

    /// <summary>The resource name, <c>documents/{id}</c>.</summary>
    public string Name => DocumentName.Format(Id);

    /// <summary>Bytes of the contract's <c>Document</c> message holding what this read holds (see <see cref="DocumentWireFormat"/>).</summary>
    public int SerializedSize => _serializedSize >= 0 ? _serializedSize : _serializedSize = DocumentWireFormat.SerializedSize(this, Parts);

    /// <summary>This document holding only <paramref name="parts"/>, which must be among those it holds; shares its bytes.</summary>
    /// <exception cref="ArgumentException">This document does not hold every one of <paramref name="parts"/>.</exception>
    public StoredDocument WithParts(DocumentParts parts)
    {
        if ((Parts & parts) != parts)
        {
            throw new ArgumentException($"The document holds {Parts}, not all of {parts}.", nameof(parts));
        }

        return parts == Parts
            ? this
            : new StoredDocument(Sequence, Id, ContentSha256, SourceUri, SizeBytes, ParserVersion, CreateTime, Etag, parts,
                parts.HasFlag(DocumentParts.RawContent) ? RawContent : null, Metadata, parts.HasFlag(DocumentParts.Body) ? Body : default,
                StoryId, NearDuplicateOf);
    }

    /// <summary>The parsed fields decoded: the metadata, and the body and teasers when this read holds them.</summary>
    /// <exception cref="Google.Protobuf.InvalidProtocolBufferException">The stored bytes are not valid protobuf.</exception>
    public ParsedArticle ReadArticle()
    {
        var metadata = MetadataWireFormat.Decode(Metadata);
        if (Body.IsEmpty)
        {
            return metadata;
        }

        var (body, readAlso) = ContentWireFormat.Decode(Body);
        return metadata with { Body = body, ReadAlso = readAlso };
    }
}
