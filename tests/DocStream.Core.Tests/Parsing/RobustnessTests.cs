using System.Text;
using DocStream.Core.Parsing;

namespace DocStream.Core.Tests.Parsing;

/// <summary>
/// Property-style tests over generated input (fixed seeds, so failures reproduce) and very large input.
/// No wall-clock assertions: large inputs only have to complete with correct counts.
/// </summary>
public class RobustnessTests
{
    private static readonly string[] Fragments =
    [
        "المصدر:", "المصدر :", "كلمات دلالية:", "تاريخ النشر:", "إقرأ أيضاً:", "اقرأ أيضا", "مقالات مشابهة", "أخبار ذات صلة",
        "  • ", "- ", "* ", "·", "•", "https://t.co/", "https://t.co/Ab1", "http://T.CO/x", "— ", "– ", "(@", "(@h)", ")",
        "September 28, 2024", "Feb 30, 2024", "13th, October 2023 GMT", "١٢ مايو ٢٠٢٤", "تشرين الثاني", "كانون", "2024-05-12T10:00+03:00",
        "9999-12-31T23:59:59-14:00", ":", "،", ",", "|", "\n", "\r\n", "\r", "\u2028", "\u0085", "\u00A0", "\u200B", "\u200F", "\uFEFF",
        "\0", "\t", "\u0640", "\u064B", "أ", "ا", "بوتين", "Putin", "\uD83D\uDE00", "\uD800", "\uDC00", " ",
    ];

    public static TheoryData<int> GeneratorSeeds()
    {
        var data = new TheoryData<int>();
        for (var seed = 1; seed <= 40; seed++)
        {
            data.Add(seed);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GeneratorSeeds))]
    public void Parse_RandomCodeUnits_NeverThrowsAndInvariantsHold(int seed)
    {
        var random = new Random(seed);
        var builder = new StringBuilder();
        var length = random.Next(0, 4000);
        for (var i = 0; i < length; i++)
        {
            // Mostly any UTF-16 code unit (lone surrogates and controls included), sometimes a line break.
            builder.Append(random.Next(10) == 0 ? '\n' : (char)random.Next(0, 0x10000));
        }

        AssertInvariants(builder.ToString());
    }

    [Theory]
    [MemberData(nameof(GeneratorSeeds))]
    public void Parse_RandomLabelAndMarkerSoup_NeverThrowsAndInvariantsHold(int seed)
    {
        var random = new Random(seed);
        var builder = new StringBuilder();
        var count = random.Next(0, 600);
        for (var i = 0; i < count; i++)
        {
            builder.Append(Fragments[random.Next(Fragments.Length)]);
        }

        AssertInvariants(builder.ToString());
    }

    [Theory]
    [MemberData(nameof(GeneratorSeeds))]
    public void Parse_SeedWithRandomCorruption_NeverThrowsAndInvariantsHold(int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder(Seeds.Read(Seeds.All[seed % Seeds.All.Length]));
        for (var edits = random.Next(1, 50); edits > 0 && text.Length > 0; edits--)
        {
            var at = random.Next(text.Length);
            switch (random.Next(3))
            {
                case 0:
                    text.Remove(at, Math.Min(random.Next(1, 40), text.Length - at));
                    break;
                case 1:
                    text.Insert(at, Fragments[random.Next(Fragments.Length)]);
                    break;
                default:
                    text[at] = (char)random.Next(0, 0x10000);
                    break;
            }
        }

        AssertInvariants(text.ToString());
    }

    [Fact]
    public void Parse_TenMegabytesOfArticles_CompletesWithExactCounts()
    {
        var seed = Seeds.Read(Seeds.PutinCallsNoBoilerplate);
        var copies = (10 * 1024 * 1024 / seed.Length) + 1;
        var text = string.Join('\n', Enumerable.Repeat(seed, copies));

        var parsed = ArticleParser.Parse(text);

        // Seed 001 has 12 non-empty lines and no boilerplate: every line after the first is a body paragraph.
        Assert.Equal((copies * 12) - 1, parsed.Body.Count);
        Assert.Equal("ar", parsed.LanguageCode);
        ParsedAssert.CountsMatchIndependentComputation(text, parsed);
        Assert.Equal(2233L * copies, parsed.CharacterCount - (copies - 1));
    }

    [Theory]
    [InlineData("https://t.co/a1 — N (@", 0)]
    [InlineData("https://t.co/a1\n— x (@h) May", 1)]
    [InlineData("•", 2)]
    [InlineData("تاريخ النشر: 1 ", 3)]
    [InlineData("(@(@(@", 4)]
    [InlineData("\r", 5)]
    public void Parse_TwoMegabytesOfPathologicalRepetition_Completes(string unit, int lineMode)
    {
        var text = new StringBuilder("عنوان\n");
        while (text.Length < 2 * 1024 * 1024)
        {
            text.Append(unit);
            if (lineMode % 2 == 0)
            {
                text.Append('\n');
            }
        }

        var input = text.ToString();
        var parsed = ArticleParser.Parse(input);

        Assert.Equal("عنوان", parsed.Title);
        Assert.True(parsed.Warnings.Count <= 51, "warnings are capped");
        ParsedAssert.CountsMatchIndependentComputation(input, parsed);
    }

    [Fact]
    public void Parse_OneHugeLineOfWords_IsTheBodyAndItsFirstWordsTheTitle()
    {
        var line = string.Concat(Enumerable.Repeat("بوتين نتنياهو ", 300_000));

        var parsed = ArticleParser.Parse(line);

        Assert.Equal(string.Join(' ', Enumerable.Repeat("بوتين نتنياهو", 10)) + "…", parsed.Title);
        Assert.Equal([line.Trim()], parsed.Body);
        Assert.Equal(600_000, parsed.WordCount);
    }

    [Fact]
    public void Parse_OneHugeLineOfFewWords_IsATitleCutWithinTheBudgetAndNothingElse()
    {
        var line = string.Join(' ', Enumerable.Repeat(new string('ب', 250_000), 20));

        var parsed = ArticleParser.Parse(line);

        Assert.EndsWith("…", parsed.Title, StringComparison.Ordinal);
        Assert.StartsWith(parsed.Title[..^1], line, StringComparison.Ordinal);
        Assert.InRange(parsed.Title.Length, 2, MetadataBudget.MaxLineCharacters);
        Assert.Empty(parsed.Body);
    }

    private static void AssertInvariants(string text)
    {
        var copy = new string(text.AsSpan());

        var parsed = ArticleParser.Parse(text);

        Assert.Equal(copy, text);
        ParsedAssert.CountsMatchIndependentComputation(text, parsed);
        Assert.Contains(parsed.LanguageCode, new[] { "ar", "en", "und" });
        Assert.Equal(parsed.Sources.Distinct(StringComparer.Ordinal).Count(), parsed.Sources.Count);
        Assert.All(parsed.Keywords, k => Assert.Contains(k, parsed.KeywordsLine, StringComparison.Ordinal));
        Assert.True(parsed.Warnings.Count <= 51);

        var fields = parsed.Body.Concat(parsed.Sources).Concat(parsed.RelatedHeadlines).Append(parsed.Title).Append(parsed.KeywordsLine)
            .Concat(parsed.ReadAlso.SelectMany(t => t.Paragraphs.Append(t.Title)))
            .Concat(parsed.EmbeddedPosts.SelectMany(p => new[] { p.Text, p.Author, p.Handle, p.Url }));
        Assert.All(fields, AssertCleanField);
        Assert.All(parsed.Body.Concat(parsed.RelatedHeadlines), p => Assert.NotEqual("", p));
        Assert.All(parsed.EmbeddedPosts, p => Assert.StartsWith("http", p.Url, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Fields are single lines, trimmed, with invisible characters removed and no-break spaces normalised.</summary>
    private static void AssertCleanField(string field)
    {
        Assert.Equal(field.Trim(), field);
        Assert.DoesNotContain('\n', field);
        Assert.DoesNotContain('\r', field);
        Assert.DoesNotContain('\u2028', field);
        Assert.DoesNotContain('\u00A0', field);
        Assert.DoesNotContain('\u200B', field);
        Assert.DoesNotContain('\uFEFF', field);
    }
}
