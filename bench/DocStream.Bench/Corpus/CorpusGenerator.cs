using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace DocStream.Bench.Corpus;

/// <summary>One synthetic article in the seeds' raw format.</summary>
/// <param name="Content">The raw UTF-8 bytes.</param>
/// <param name="SourceUri">A made-up origin naming the corpus seed and index.</param>
public sealed record GeneratedDocument(byte[] Content, string SourceUri);

/// <summary>
/// A deterministic stream of synthetic Arabic news articles: the same seed and count always give the same bytes.
/// Each article recombines seed sentences (with varied numbers and weekdays) into a headline, a date line, body
/// paragraphs, sources, keywords, a read-also teaser and a related list. Sizes are log-uniform between 1 KB and
/// 50 KB, except one article in <see cref="LargeEvery"/>, which is 5 MB. Articles are made one at a time, so a
/// corpus of any size streams in constant memory.
/// </summary>
/// <param name="pools">The seed pieces.</param>
/// <param name="seed">The random seed.</param>
public sealed partial class CorpusGenerator(SeedPools pools, int seed)
{
    /// <summary>One article in this many is a large one.</summary>
    public const int LargeEvery = 2000;

    /// <summary>Size of a large article.</summary>
    public const int LargeBytes = 5 * 1024 * 1024;

    private const int MinBytes = 1024;
    private const int MaxBytes = 50 * 1024;

    private static readonly string[] Weekdays = ["الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"];
    private static readonly string[] Months =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private readonly int[] _sentenceBytes = pools.Sentences.Select(Encoding.UTF8.GetByteCount).ToArray();

    /// <summary>Yields the first <paramref name="count"/> articles of the corpus, one at a time.</summary>
    public IEnumerable<GeneratedDocument> Generate(int count)
    {
        var random = new Random(seed);
        for (var index = 0; index < count; index++)
        {
            var target = index % LargeEvery == LargeEvery / 2
                ? LargeBytes
                : (int)Math.Exp(Math.Log(MinBytes) + (random.NextDouble() * (Math.Log(MaxBytes) - Math.Log(MinBytes))));
            yield return new GeneratedDocument(Encoding.UTF8.GetBytes(Build(index, target, random)), $"bench://seed-{seed}/{index}");
        }
    }

    private static string Pick(IReadOnlyList<string> pool, Random random) => pool[random.Next(pool.Count)];

    private string Build(int index, int targetBytes, Random random)
    {
        var tail = BuildTail(random);
        var lineBreak = random.Next(2) == 0 ? "\n" : "\n\n";
        var text = new StringBuilder(targetBytes);
        text.Append(Pick(pools.Headlines, random)).Append(" (").Append(index.ToString(CultureInfo.InvariantCulture)).Append(')').Append(lineBreak);
        var published = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(random.Next(5 * 365));
        text.Append("تاريخ النشر: ").Append(published.Day.ToString(CultureInfo.InvariantCulture)).Append(OrdinalSuffix(published.Day))
            .Append(", ").Append(Months[published.Month - 1]).Append(' ').Append(published.Year.ToString(CultureInfo.InvariantCulture))
            .Append(" GMT").Append(lineBreak);
        var bytes = 200 + Encoding.UTF8.GetByteCount(tail);
        var postPlaced = random.Next(4) != 0;
        while (bytes < targetBytes)
        {
            bytes += AppendParagraph(text, random);
            text.Append(lineBreak);
            if (!postPlaced && bytes > targetBytes / 2)
            {
                text.Append(Pick(pools.Posts, random)).Append(lineBreak);
                postPlaced = true;
            }
        }

        return text.Append(tail).ToString();
    }

    private int AppendParagraph(StringBuilder text, Random random)
    {
        var sentences = 1 + random.Next(4);
        var bytes = 0;
        for (var i = 0; i < sentences; i++)
        {
            var pick = random.Next(pools.Sentences.Count);
            if (i > 0)
            {
                text.Append(' ');
            }

            text.Append(Vary(pools.Sentences[pick], random));
            bytes += _sentenceBytes[pick] + 1;
        }

        return bytes;
    }

    private string BuildTail(Random random)
    {
        var tail = new StringBuilder();
        tail.Append("المصدر: ").Append(Pick(pools.Sources, random)).Append('\n');
        tail.Append("كلمات دلالية: ");
        for (var i = 0; i < 3 + random.Next(6); i++)
        {
            tail.Append(i == 0 ? "" : " ").Append(Pick(pools.Keywords, random));
        }

        tail.Append('\n').Append("إقرأ أيضاً:").Append('\n').Append(Pick(pools.Headlines, random)).Append('\n');
        for (var i = 0; i < 1 + random.Next(3); i++)
        {
            AppendParagraph(tail, random);
            tail.Append('\n');
        }

        tail.Append("\nمقالات مشابهة\n\n");
        for (var i = 0; i < 3 + random.Next(8); i++)
        {
            tail.Append("  • ").Append(Pick(pools.Headlines, random)).Append('\n');
        }

        return tail.ToString();
    }

    /// <summary>Changes a sentence's numbers (keeping their length) and, sometimes, its weekday.</summary>
    private static string Vary(string sentence, Random random)
    {
        if (random.Next(3) != 0)
        {
            return sentence;
        }

        var varied = Digits().Replace(sentence, match => random.Next((int)Math.Pow(10, match.Length - 1), (int)Math.Pow(10, match.Length))
            .ToString(CultureInfo.InvariantCulture));
        foreach (var weekday in Weekdays)
        {
            if (varied.Contains(weekday, StringComparison.Ordinal))
            {
                return varied.Replace(weekday, Pick(Weekdays, random), StringComparison.Ordinal);
            }
        }

        return varied;
    }

    private static string OrdinalSuffix(int day) => (day % 10, day / 10) switch
    {
        (_, 1) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };

    [GeneratedRegex("[0-9]{1,9}")]
    private static partial Regex Digits();
}
