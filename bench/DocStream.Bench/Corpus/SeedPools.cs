using System.Text.RegularExpressions;

namespace DocStream.Bench.Corpus;

/// <summary>
/// The pieces the generator recombines, cut out of the seed articles: headlines, body sentences, sources,
/// keywords, quoted posts and related headlines.
/// </summary>
public sealed partial class SeedPools
{
    private const string SourceLabel = "المصدر";
    private const string KeywordsLabel = "كلمات دلالية:";
    private const string ReadAlsoLabel = "إقرأ أيضاً:";
    private const string RelatedLabel = "مقالات مشابهة";
    private const char Bullet = '•';

    private SeedPools(
        IReadOnlyList<string> headlines, IReadOnlyList<string> sentences, IReadOnlyList<string> sources,
        IReadOnlyList<string> keywords, IReadOnlyList<string> posts)
    {
        Headlines = headlines;
        Sentences = sentences;
        Sources = sources;
        Keywords = keywords;
        Posts = posts;
    }

    /// <summary>Headlines: first lines, teaser titles and related-list bullets.</summary>
    public IReadOnlyList<string> Headlines { get; }

    /// <summary>Body sentences, each ending in its punctuation.</summary>
    public IReadOnlyList<string> Sentences { get; }

    /// <summary>Values of <c>المصدر:</c> lines.</summary>
    public IReadOnlyList<string> Sources { get; }

    /// <summary>Single keywords.</summary>
    public IReadOnlyList<string> Keywords { get; }

    /// <summary>Quoted social posts: a text line with a t.co link and its "— author (@handle) date" line.</summary>
    public IReadOnlyList<string> Posts { get; }

    /// <summary>Cuts the seed files in <paramref name="directory"/> into pools.</summary>
    public static SeedPools Load(string directory)
    {
        var headlines = new SortedSet<string>(StringComparer.Ordinal);
        var sentences = new SortedSet<string>(StringComparer.Ordinal);
        var sources = new SortedSet<string>(StringComparer.Ordinal);
        var keywords = new SortedSet<string>(StringComparer.Ordinal);
        var posts = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(directory, "*.txt").Order(StringComparer.Ordinal))
        {
            var lines = File.ReadAllLines(file).Select(line => line.Trim()).Where(line => line.Length > 0).ToArray();
            headlines.Add(lines[0]);
            var afterReadAlso = false;
            for (var i = 1; i < lines.Length; i++)
            {
                var line = lines[i];
                if (line.StartsWith(SourceLabel, StringComparison.Ordinal) && line.Contains(':', StringComparison.Ordinal))
                {
                    sources.Add(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim());
                }
                else if (line.StartsWith(KeywordsLabel, StringComparison.Ordinal))
                {
                    keywords.UnionWith(line[KeywordsLabel.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                }
                else if (line.StartsWith(ReadAlsoLabel, StringComparison.Ordinal))
                {
                    afterReadAlso = true;
                }
                else if (line[0] == Bullet)
                {
                    headlines.Add(line.TrimStart(Bullet, ' '));
                }
                else if (line.Contains("t.co/", StringComparison.Ordinal) && i + 1 < lines.Length && lines[i + 1].StartsWith('—'))
                {
                    posts.Add(line + "\n" + PostSignature().Match(lines[i + 1]).Value);
                    i++;
                }
                else if (afterReadAlso && !line.EndsWith('.') && line.Length < 150)
                {
                    headlines.Add(line);
                    afterReadAlso = false;
                }
                else if (line != RelatedLabel && !line.StartsWith("تاريخ النشر", StringComparison.Ordinal) && line.Length > 40)
                {
                    foreach (Match sentence in SentencePattern().Matches(line))
                    {
                        if (sentence.Value.Trim().Length > 20)
                        {
                            sentences.Add(sentence.Value.Trim());
                        }
                    }
                }
            }
        }

        return new SeedPools([.. headlines], [.. sentences], [.. sources], [.. keywords], [.. posts]);
    }

    [GeneratedRegex(@"[^.!؟?]+[.!؟?]*")]
    private static partial Regex SentencePattern();

    [GeneratedRegex(@"^— .*?\(@\w+\) \w+ \d{1,2}, \d{4}")]
    private static partial Regex PostSignature();
}
