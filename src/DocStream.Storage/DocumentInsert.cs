using DocStream.Core.Documents;

namespace DocStream.Storage;

/// <summary>
/// A new document's row as the writer inserts it into <c>documents</c>, with its sources for <c>document_sources</c>.
/// Its id is not stored yet: the writer has looked, holding the change counter's lock.
/// </summary>
/// <param name="Document">The document: id, hashes, source, raw content and parsed fields.</param>
/// <param name="Metadata">The parsed metadata in wire form (<c>meta_pb</c>).</param>
/// <param name="Content">The parsed body and teasers in wire form (<c>content_pb</c>).</param>
/// <param name="ParserVersion">The parser that produced the parsed fields.</param>
/// <param name="CreateMicros">Creation time, microseconds since the Unix epoch.</param>
/// <param name="Etag">The document's first etag.</param>
/// <param name="Change">The change number that creates it (<c>change_seq</c> and <c>created_change</c>).</param>
/// <param name="StoryId">The story it joins; null when grouping is off.</param>
/// <param name="NearDuplicateOf">The id of the document it copies; null when none or grouping is off.</param>
public sealed record DocumentInsert(
    NewDocument Document,
    byte[] Metadata,
    byte[] Content,
    int ParserVersion,
    long CreateMicros,
    string Etag,
    long Change,
    string? StoryId,
    string? NearDuplicateOf)
{
    /// <summary>The publication time as stored (<c>published_micros</c>); null when the article gives none.</summary>
    public long? PublishedMicros { get; } = Micros.From(Document.Parsed.PublishedTime);

    /// <summary>The sources, each once, as <c>document_sources</c> holds them.</summary>
    public IReadOnlyList<string> Sources { get; } = [.. Document.Parsed.Sources.Distinct(StringComparer.Ordinal)];
}
