using DocStream.Core.Documents;
using DocStream.Core.Storage;
using DocStream.Core.Stories;

namespace DocStream.Testing.Storage;

/// <summary>Grouping in <see cref="InMemoryDocumentStore"/>: assignment under the lock, stories from their members, the candidates.</summary>
public sealed partial class InMemoryDatabase
{
    internal GroupingPage Group(GroupingQuery query, IStoryAssigner assigner, object writer)
    {
        int grouped = 0, changed = 0;
        var last = query.AfterSequence;
        lock (_gate)
        {
            var rows = _bySequence.Values.Where(row => row.Sequence > query.AfterSequence && (!query.UngroupedOnly || row.Grouping is null))
                .Take(query.Limit).ToList();
            foreach (var row in rows)
            {
                var article = row.ToStored(DocumentParts.Body).ReadArticle();
                var assignment = assigner.AssignAsync(row.Id, assigner.Describe(article), new Candidates(this, row.Sequence), CancellationToken.None)
                    .GetAwaiter().GetResult();
                if (assignment.StoryId != row.StoryId || assignment.NearDuplicateOf != row.NearDuplicateOf)
                {
                    row.ChangeSequence = ++_lastChange;
                    changed++;
                }

                Record(row, assignment, row.ChangeSequence);
                grouped++;
                last = row.Sequence;
            }

            if (changed > 0)
            {
                Committed?.Invoke(writer);
            }

            return new GroupingPage(grouped, changed, last, rows.Count == query.Limit);
        }
    }

    internal void ForgetStories()
    {
        lock (_gate)
        {
            foreach (var row in _bySequence.Values)
            {
                row.Grouping = null;
            }

            _termDocuments.Clear();
            _groupedDocuments = 0;
            _storyActivity.Clear();
        }
    }

    internal IReadOnlyList<StorySummary> ListStories(long? beforeActivity, int limit)
    {
        lock (_gate)
        {
            return [.. _storyActivity.Keys
                .Select(Summarize)
                .OfType<StorySummary>()
                .Where(story => story.ActivityChange < (beforeActivity ?? long.MaxValue))
                .OrderByDescending(story => story.ActivityChange)
                .Take(limit)];
        }
    }

    internal long CountUngrouped()
    {
        lock (_gate)
        {
            return _bySequence.Values.Count(row => row.Grouping is null);
        }
    }

    internal StorySummary? FindStory(string id)
    {
        lock (_gate)
        {
            return Summarize(id);
        }
    }

    /// <summary>The story's aggregate from its members, as the relational stores keep it; null when it has none or is forgotten.</summary>
    private StorySummary? Summarize(string id)
    {
        if (!_storyActivity.TryGetValue(id, out var activity))
        {
            return null;
        }

        var members = _bySequence.Values.Where(row => row.StoryId == id).ToList();
        if (members.Count == 0)
        {
            return null;
        }

        var articles = members.Select(row => row.Parsed).ToList();
        var activityChange = Math.Max(activity.Change, members.Max(row => row.ChangeSequence));
        var published = articles.Where(article => article.PublishedTime is not null).Select(article => article.PublishedTime!.Value).ToList();
        return new StorySummary(
            id,
            articles[0].Title,
            members.Count,
            members.Count(row => row.NearDuplicateOf is not null),
            published.Count > 0 ? published.Min() : null,
            published.Count > 0 ? published.Max() : null,
            [.. articles.SelectMany(article => article.Sources).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            activity.Time,
            activityChange);
    }

    private void Record(Row row, StoryAssignment assignment, long activityChange)
    {
        row.SetStory(assignment.StoryId, assignment.NearDuplicateOf);
        row.Grouping = assignment;
        _groupedDocuments++;
        foreach (var term in assignment.CountedTerms)
        {
            _termDocuments[term] = _termDocuments.GetValueOrDefault(term) + 1;
        }

        var now = DateTimeOffset.UtcNow;
        _storyActivity[assignment.StoryId] = (activityChange, now.AddTicks(-(now.UtcTicks % 10)));
    }

    /// <summary>A member of a kept story left or changed as of <paramref name="change"/>.</summary>
    private void Touch(string? storyId, long change)
    {
        if (storyId is not null && _storyActivity.ContainsKey(storyId))
        {
            var now = DateTimeOffset.UtcNow;
            _storyActivity[storyId] = (change, now.AddTicks(-(now.UtcTicks % 10)));
        }
    }

    /// <summary>Grouping's view of the rows stored before <paramref name="beforeSequence"/>, read under the database's lock.</summary>
    private sealed class Candidates(InMemoryDatabase database, long beforeSequence) : IStoryCandidates
    {
        private const int PerKeyLimit = 64;

        public Task<TermStatistics> StatisticsAsync(IReadOnlyCollection<long> terms, CancellationToken cancellationToken) =>
            Task.FromResult(new TermStatistics(
                database._groupedDocuments,
                terms.Where(database._termDocuments.ContainsKey).Distinct().ToDictionary(term => term, term => database._termDocuments[term])));

        public Task<IReadOnlyList<StoryCandidate>> FindByBandsAsync(IReadOnlyCollection<long> bands, int limit, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<StoryCandidate>>([.. bands
                .SelectMany(band => Grouped().Where(row => row.Grouping!.Bands.Contains(band)).Take(PerKeyLimit))
                .Distinct()
                .OrderBy(row => row.Sequence)
                .Take(limit)
                .Select(ToCandidate)]);

        public Task<IReadOnlyList<StoryCandidate>> FindByTermsAsync(
            IReadOnlyCollection<long> terms, DateTimeOffset? publishedTime, TimeSpan window, int recentDocuments, int limit,
            CancellationToken cancellationToken)
        {
            var latest = database._bySequence.Count == 0 ? 0 : database._bySequence.Keys[^1];
            var recent = Math.Min(latest, beforeSequence - 1) - recentDocuments;
            bool InReach(Row row) => publishedTime is { } time && row.Parsed.PublishedTime is { } published
                ? (published - time).Duration() <= window
                : row.Sequence > recent && (publishedTime is null || row.Parsed.PublishedTime is null);
            // As the relational stores read them: at most the latest PerKeyLimit postings of each term.
            var postings = terms.SelectMany(term => Grouped()
                .Where(row => row.Grouping!.IndexTerms.Contains(term) && InReach(row))
                .OrderByDescending(row => publishedTime is not null && row.Parsed.PublishedTime is { } published ? published.UtcTicks : row.Sequence)
                .Take(PerKeyLimit));
            return Task.FromResult<IReadOnlyList<StoryCandidate>>([.. postings
                .GroupBy(row => row)
                .Select(group => (Row: group.Key, Shared: group.Count()))
                .OrderByDescending(hit => hit.Shared)
                .ThenBy(hit => hit.Row.Sequence)
                .Take(limit)
                .Select(hit => ToCandidate(hit.Row))]);
        }

        private IEnumerable<Row> Grouped() =>
            database._bySequence.Values.Where(row => row.Sequence < beforeSequence && row.Grouping is not null && row.StoryId is not null);

        private static StoryCandidate ToCandidate(Row row) =>
            new(row.Id, row.StoryId!, row.NearDuplicateOf, row.Parsed.PublishedTime, row.Grouping!.Signature);
    }
}
