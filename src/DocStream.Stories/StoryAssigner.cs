using DocStream.Core.Parsing;
using DocStream.Core.Stories;
using DocStream.Search.Analysis;
using Lucene.Net.Analysis;

namespace DocStream.Stories;

/// <summary>
/// Online single-pass grouping (after Miranda et al., EMNLP 2018): a new document joins the story of the most similar
/// earlier document when their TF-IDF vectors over the analysed headline and body are close enough and they were
/// published within a window of each other; otherwise it starts a story. Near copies are found first, by MinHash LSH
/// over body shingles, and join their original's story. Candidates come from the store's indexes: documents sharing
/// the new one's heaviest terms in the window, or a MinHash band.
/// </summary>
/// <param name="options">The thresholds and window.</param>
public sealed class StoryAssigner(StoryGroupingOptions options) : IStoryAssigner
{
    /// <summary>Headline words count this many times: the headline names the event.</summary>
    internal const int TitleWeight = 2;

    /// <summary>Terms kept in a signature's vector.</summary>
    internal const int VectorTerms = 48;

    /// <summary>Heaviest terms a document is indexed and looked up under.</summary>
    internal const int IndexTermCount = 12;

    private const int CandidateLimit = 50;

    private static readonly Analyzer Analyzer = new DocStreamAnalyzer();

    /// <inheritdoc />
    public StoryFeatures Describe(ParsedArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        var counts = new Dictionary<long, int>();
        foreach (var term in Terms(article.Title))
        {
            counts[term] = counts.GetValueOrDefault(term) + TitleWeight;
        }

        var body = new List<long>();
        foreach (var paragraph in article.Body)
        {
            body.AddRange(Terms(paragraph));
        }

        foreach (var term in body)
        {
            counts[term] = counts.GetValueOrDefault(term) + 1;
        }

        return new StoryFeatures(counts, MinHasher.Sketch(body), article.PublishedTime);
    }

    /// <inheritdoc />
    public async Task<StoryAssignment> AssignAsync(
        string documentId, StoryFeatures features, IStoryCandidates candidates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(candidates);
        var statistics = await candidates.StatisticsAsync([.. features.TermCounts.Keys], cancellationToken);
        var signature = Sign(features, statistics);
        var bands = MinHasher.Bands(features.MinHash);
        var indexTerms = signature.Terms.Take(IndexTermCount).ToArray();

        var original = bands.Length == 0 ? null : await FindOriginalAsync(signature, bands, candidates, cancellationToken);
        var storyId = original?.StoryId
            ?? await FindStoryAsync(signature, features.PublishedTime, indexTerms, candidates, cancellationToken)
            ?? documentId;
        return new StoryAssignment(
            storyId, original is null ? null : original.NearDuplicateOf ?? original.Id, signature, indexTerms, bands, [.. features.TermCounts.Keys]);
    }

    private async Task<StoryCandidate?> FindOriginalAsync(
        StorySignature signature, long[] bands, IStoryCandidates candidates, CancellationToken cancellationToken)
    {
        StoryCandidate? best = null;
        var bestSimilarity = options.CopySimilarity;
        foreach (var candidate in await candidates.FindByBandsAsync(bands, CandidateLimit, cancellationToken))
        {
            // Oldest first, so a tie keeps the earliest copy.
            var similarity = signature.ShingleSimilarity(candidate.Signature);
            if (similarity >= bestSimilarity && (best is null || similarity > bestSimilarity))
            {
                best = candidate;
                bestSimilarity = similarity;
            }
        }

        return best;
    }

    private async Task<string?> FindStoryAsync(
        StorySignature signature, DateTimeOffset? publishedTime, long[] indexTerms, IStoryCandidates candidates, CancellationToken cancellationToken)
    {
        if (indexTerms.Length == 0)
        {
            return null;
        }

        string? bestStory = null;
        var bestSimilarity = 0.0;
        var found = await candidates.FindByTermsAsync(
            indexTerms, publishedTime, options.Window, options.RecentDocuments, CandidateLimit, cancellationToken);
        foreach (var candidate in found)
        {
            var threshold = publishedTime is null || candidate.PublishedTime is null ? options.UndatedStorySimilarity : options.StorySimilarity;
            var similarity = signature.Cosine(candidate.Signature);
            if (similarity >= threshold && similarity > bestSimilarity)
            {
                bestStory = candidate.StoryId;
                bestSimilarity = similarity;
            }
        }

        return bestStory;
    }

    /// <summary>Weights each term (1 + ln tf) · idf and keeps the heaviest, at unit length.</summary>
    private static StorySignature Sign(StoryFeatures features, TermStatistics statistics)
    {
        var weighted = features.TermCounts
            .Select(pair => (Term: pair.Key, Weight: (1 + Math.Log(pair.Value)) * Idf(statistics.Documents, statistics.DocumentFrequencies.GetValueOrDefault(pair.Key))))
            .OrderByDescending(pair => pair.Weight)
            .ThenBy(pair => pair.Term)
            .Take(VectorTerms)
            .ToArray();
        var length = Math.Sqrt(weighted.Sum(pair => pair.Weight * pair.Weight));
        return new StorySignature(
            [.. weighted.Select(pair => pair.Term)],
            [.. weighted.Select(pair => (float)(length > 0 ? pair.Weight / length : 0))],
            features.MinHash);
    }

    /// <summary>Smoothed so that it stays positive and ordered in a corpus of a handful of documents.</summary>
    private static double Idf(long documents, long frequency) => Math.Log(1 + ((documents + 1.0) / (frequency + 1.0)));

    private static IEnumerable<long> Terms(string text) =>
        AnalyzedToken.Analyze(Analyzer, "body", text)
            .Where(token => token.Kind == TokenKind.Word && token.Term.Length > 1)
            .Select(token => TermHash.Of(token.Term));
}
