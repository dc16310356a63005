using DocStream.Testing;

namespace DocStream.Stories.Tests;

/// <summary>
/// The labelled sets under <c>tests/corpora</c>: articles written for grouping's evaluation in the seeds' raw format,
/// and <c>labels.tsv</c>, which gives each file its event (story label) and, for a near copy, its original.
/// <c>stories</c> is the set the parameters were chosen on; <c>stories-heldout</c> was written after they were fixed,
/// by someone who had not seen the first, and is only measured.
/// </summary>
internal static class LabelledCorpus
{
    /// <summary>The set the parameters were chosen on, in file-name order (the order they are ingested in).</summary>
    public static IReadOnlyList<LabelledArticle> Articles { get; } = Load("stories");

    /// <summary>The held-out set, in file-name order.</summary>
    public static IReadOnlyList<LabelledArticle> HeldOut { get; } = Load("stories-heldout");

    private static List<LabelledArticle> Load(string name)
    {
        var directory = Path.Combine(RepositoryLayout.Root, "tests", "corpora", name);
        var articles = new List<LabelledArticle>();
        foreach (var line in File.ReadLines(Path.Combine(directory, "labels.tsv")).Skip(1).Where(line => line.Length > 0))
        {
            var fields = line.Split('\t');
            articles.Add(new LabelledArticle(
                fields[0], fields[1], fields[2].Length == 0 ? null : fields[2], File.ReadAllBytes(Path.Combine(directory, fields[0]))));
        }

        return [.. articles.OrderBy(article => article.File, StringComparer.Ordinal)];
    }
}

/// <summary>One labelled article.</summary>
/// <param name="File">Its file name.</param>
/// <param name="Story">Its event's label: articles with the same label report the same event.</param>
/// <param name="DuplicateOf">The file it is a near copy of; null for an original.</param>
/// <param name="Content">Its raw bytes.</param>
internal sealed record LabelledArticle(string File, string Story, string? DuplicateOf, byte[] Content);
