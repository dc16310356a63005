namespace DocStream.Core.Documents;

/// <summary>
/// Which parts of a document a read returns. Every read returns the stored fields (name, digest, source, size,
/// times, etag) and the parsed metadata (headline, dates, sources, keywords, related headlines, posts, counts,
/// warnings); the flags add the large parts. The contract's views are combinations: BASIC is <see cref="Basic"/>,
/// FULL is <see cref="Full"/>.
/// </summary>
[Flags]
public enum DocumentParts
{
    /// <summary>The stored fields and the parsed metadata only.</summary>
    Basic = 0,

    /// <summary>The raw bytes exactly as ingested.</summary>
    RawContent = 1,

    /// <summary>The parsed body paragraphs and the read-also teasers.</summary>
    Body = 2,

    /// <summary>Everything.</summary>
    Full = RawContent | Body,
}
