using DocStream.Core.Documents;
using DocStream.Core.Ingest;
using DocStream.Core.Storage;
using DocStream.Storage;
using DocStream.Storage.Sqlite;
using DocStream.Testing;
using Xunit.Abstractions;

namespace DocStream.Stories.Tests;

/// <summary>
/// Grouping measured on the labelled set (tests/corpora/stories) and the seeds, through a real SQLite store with the
/// default parameters: the thresholds below are the goals of docs/stories.md and fail when grouping breaks.
/// </summary>
public sealed class StoryGroupingEvaluationTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("docstream-stories-").FullName;

    private static readonly DocumentPreparer Preparer = new(new IngestLimits());

    [Fact]
    public async Task LabelledSet_GroupsReworded_Coverage_And_KeepsTrapsApart()
    {
        await using var store = await OpenAsync("labelled");
        var stored = await AddOneByOneAsync(store, LabelledCorpus.Articles.Select(article => (article.File, article.Content)));

        var predicted = stored.ToDictionary(pair => pair.Key, pair => pair.Value.StoryId!);
        var labelled = LabelledCorpus.Articles.ToDictionary(article => article.File, article => article.Story);
        var scores = GroupingScores.Of(predicted, labelled);
        output.WriteLine($"stories ({labelled.Count} articles, {labelled.Values.Distinct().Count()} events): {scores}");
        foreach (var story in predicted.GroupBy(pair => pair.Value).Where(group => group.Select(pair => labelled[pair.Key]).Distinct().Count() > 1))
        {
            output.WriteLine($"  merged: {string.Join(", ", story.Select(pair => $"{pair.Key} ({labelled[pair.Key]})"))}");
        }

        var falseMerges = LabelledCorpus.Articles
            .Where(article => article.Story[0] is 'T' or 'U')
            .Where(trap => predicted.Any(other => other.Key != trap.File && other.Value == predicted[trap.File]))
            .Select(trap => trap.File)
            .ToList();
        Assert.Empty(falseMerges);
        Assert.True(scores.BCubedF1 >= 0.9, $"BCubed F1 {scores.BCubedF1:F3} is below 0.9");
        Assert.True(scores.PairPrecision >= 0.9, $"pairwise precision {scores.PairPrecision:F3} is below 0.9");
    }

    [Fact]
    public async Task LabelledSet_FindsEveryWireCopy_AndNoOtherArticle()
    {
        await using var store = await OpenAsync("copies");
        var stored = await AddOneByOneAsync(store, LabelledCorpus.Articles.Select(article => (article.File, article.Content)));
        var fileOfId = stored.ToDictionary(pair => pair.Value.Id, pair => pair.Key);

        var predicted = stored.Where(pair => pair.Value.NearDuplicateOf is not null)
            .ToDictionary(pair => pair.Key, pair => fileOfId[pair.Value.NearDuplicateOf!]);
        var labelled = LabelledCorpus.Articles.Where(article => article.DuplicateOf is not null)
            .ToDictionary(article => article.File, article => article.DuplicateOf!);
        var correct = predicted.Count(pair => labelled.GetValueOrDefault(pair.Key) == pair.Value);
        output.WriteLine($"near copies: precision {(double)correct / Math.Max(1, predicted.Count):F3}, recall {(double)correct / labelled.Count:F3} ({correct} of {labelled.Count}, {predicted.Count} found)");

        Assert.Equal(labelled.OrderBy(pair => pair.Key), predicted.OrderBy(pair => pair.Key));
        // A copy is in its original's story.
        Assert.All(predicted, pair => Assert.Equal(stored[pair.Value].StoryId, stored[pair.Key].StoryId));
    }

    [Fact]
    public async Task Seeds_PutTheTwoReportsOfOneMonday_InOneStory_AndTheOthersAlone()
    {
        await using var store = await OpenAsync("seeds");
        var stored = await AddOneByOneAsync(store, SeedFiles());

        Assert.Equal(stored["000_b579769692177f78.txt"].StoryId, stored["001_97311cea57149271.txt"].StoryId);
        Assert.Equal(4, stored.Values.Select(document => document.StoryId).Distinct().Count());
        Assert.All(stored.Values, document => Assert.Null(document.NearDuplicateOf));
    }

    [Fact]
    public async Task Seeds_AmongTheLabelledSet_StayAsTheyAreAlone()
    {
        await using var store = await OpenAsync("mixed");
        var stored = await AddOneByOneAsync(store, LabelledCorpus.Articles.Select(article => (article.File, article.Content)).Concat(SeedFiles()));
        var seeds = SeedFiles().Select(seed => stored[seed.File]).ToList();

        Assert.Equal(seeds[0].StoryId, seeds[1].StoryId);
        Assert.Equal(4, seeds.Select(document => document.StoryId).Distinct().Count());
        Assert.All(seeds, seed => Assert.DoesNotContain(
            stored.Where(pair => !pair.Key.StartsWith("0", StringComparison.Ordinal)), pair => pair.Value.StoryId == seed.StoryId));
    }

    [Fact]
    public async Task OneImportBatch_GivesTheSameStories_AsOneDocumentAtATime()
    {
        await using var oneByOne = await OpenAsync("one-by-one");
        await using var batched = await OpenAsync("batched");
        var articles = LabelledCorpus.Articles.Select(article => (article.File, article.Content)).ToList();
        var single = await AddOneByOneAsync(oneByOne, articles);
        var results = await batched.Writer.AddAsync([.. articles.Select(article => Preparer.Prepare(article.Content, article.File))], CancellationToken.None);

        Assert.Equal(
            articles.Select(article => (single[article.File].StoryId, single[article.File].NearDuplicateOf)),
            results.Select(result => (result.Document.StoryId, result.Document.NearDuplicateOf)));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    internal static IEnumerable<(string File, byte[] Content)> SeedFiles() =>
        Directory.GetFiles(RepositoryLayout.SampleDirectory, "*.txt").Order(StringComparer.Ordinal)
            .Select(path => (Path.GetFileName(path), File.ReadAllBytes(path)));

    private async Task<RelationalDocumentStore> OpenAsync(string name)
    {
        var store = SqliteDocumentStore.Open(Path.Combine(_directory, name + ".db"), new StoryAssigner(new StoryGroupingOptions()));
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    private static async Task<Dictionary<string, StoredDocument>> AddOneByOneAsync(IDocumentStore store, IEnumerable<(string File, byte[] Content)> articles)
    {
        var stored = new Dictionary<string, StoredDocument>(StringComparer.Ordinal);
        foreach (var (file, content) in articles)
        {
            var result = (await store.Writer.AddAsync([Preparer.Prepare(content, file)], CancellationToken.None))[0];
            Assert.True(result.Created, $"{file} was already stored");
            stored[file] = result.Document;
        }

        return stored;
    }
}
