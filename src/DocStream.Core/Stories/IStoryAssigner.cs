using DocStream.Core.Parsing;

namespace DocStream.Core.Stories;

/// <summary>
/// Decides, for each document the store adds, which story it belongs to and which earlier document it copies. The
/// store calls <see cref="Describe"/> before its write transaction and <see cref="AssignAsync"/> inside it, in
/// change order, against what the transaction sees: every document committed before it and the earlier documents of
/// the same transaction. The same corpus added in the same order therefore gets the same stories, whichever
/// instances wrote it.
/// </summary>
public interface IStoryAssigner
{
    /// <summary>Reads what grouping needs in <paramref name="article"/>. Pure and thread-safe.</summary>
    StoryFeatures Describe(ParsedArticle article);

    /// <summary>
    /// Chooses the story of document <paramref name="documentId"/> among what <paramref name="candidates"/> finds,
    /// or starts one, and says what the store must keep for later documents.
    /// </summary>
    Task<StoryAssignment> AssignAsync(string documentId, StoryFeatures features, IStoryCandidates candidates, CancellationToken cancellationToken);
}

/// <summary>
/// The store seen from inside a write transaction, by <see cref="IStoryAssigner.AssignAsync"/>: corpus statistics and
/// candidate documents, found through indexes (never a scan of the corpus).
/// </summary>
public interface IStoryCandidates
{
    /// <summary>How many documents have been grouped, and in how many of them each of <paramref name="terms"/> occurs.</summary>
    Task<TermStatistics> StatisticsAsync(IReadOnlyCollection<long> terms, CancellationToken cancellationToken);

    /// <summary>The documents whose MinHash bands include any of <paramref name="bands"/> (the oldest few of each band), oldest first.</summary>
    Task<IReadOnlyList<StoryCandidate>> FindByBandsAsync(IReadOnlyCollection<long> bands, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// The documents indexed under the most of <paramref name="terms"/>, up to <paramref name="limit"/>: those published
    /// within <paramref name="window"/> of <paramref name="publishedTime"/>, and those without a publication time among
    /// the latest <paramref name="recentDocuments"/> stored; with no <paramref name="publishedTime"/>, any of the latest
    /// <paramref name="recentDocuments"/> stored. Only the latest few postings of each term are read, so the work per call
    /// is bounded whatever the size of the corpus.
    /// </summary>
    Task<IReadOnlyList<StoryCandidate>> FindByTermsAsync(
        IReadOnlyCollection<long> terms, DateTimeOffset? publishedTime, TimeSpan window, int recentDocuments, int limit,
        CancellationToken cancellationToken);
}

/// <summary>Corpus statistics for a set of terms.</summary>
/// <param name="Documents">How many documents have been grouped.</param>
/// <param name="DocumentFrequencies">For each term asked about that occurs anywhere, in how many documents; absent terms occur in none.</param>
public sealed record TermStatistics(long Documents, IReadOnlyDictionary<long, long> DocumentFrequencies);

/// <summary>A stored document grouping compares a new one with.</summary>
/// <param name="Id">The document id.</param>
/// <param name="StoryId">The id of its story.</param>
/// <param name="NearDuplicateOf">The id of the document it copies; null when it is an original.</param>
/// <param name="PublishedTime">When it says it was published.</param>
/// <param name="Signature">What was kept of it for comparison.</param>
public sealed record StoryCandidate(string Id, string StoryId, string? NearDuplicateOf, DateTimeOffset? PublishedTime, StorySignature Signature);

/// <summary>What <see cref="IStoryAssigner.AssignAsync"/> decided, and what the store keeps so later documents can find this one.</summary>
/// <param name="StoryId">The story's id: an existing story's, or the document's own id for a story it starts.</param>
/// <param name="NearDuplicateOf">The id of the earliest stored document this one copies; null when it copies none.</param>
/// <param name="Signature">The document's signature, kept for comparison.</param>
/// <param name="IndexTerms">The terms the document is found under by <see cref="IStoryCandidates.FindByTermsAsync"/>.</param>
/// <param name="Bands">The MinHash band keys the document is found under by <see cref="IStoryCandidates.FindByBandsAsync"/>.</param>
/// <param name="CountedTerms">Every distinct term of the document, counted into the document frequencies.</param>
public sealed record StoryAssignment(
    string StoryId,
    string? NearDuplicateOf,
    StorySignature Signature,
    IReadOnlyList<long> IndexTerms,
    IReadOnlyList<long> Bands,
    IReadOnlyCollection<long> CountedTerms);
