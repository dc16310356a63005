namespace DocStream.Core.Stories;

/// <summary>
/// What grouping reads in one document, computed from its parsed fields before the write transaction so that the
/// transaction holds no analysis work.
/// </summary>
/// <param name="TermCounts">Each distinct analysed term of the headline and body (as a 64-bit hash) and how
/// often it occurs, headline occurrences weighted up.</param>
/// <param name="MinHash">The MinHash sketch of the body's word 3-shingles; empty when the body has fewer than three terms.</param>
/// <param name="PublishedTime">When the article says it was published; null when it does not.</param>
public sealed record StoryFeatures(IReadOnlyDictionary<long, int> TermCounts, uint[] MinHash, DateTimeOffset? PublishedTime);
