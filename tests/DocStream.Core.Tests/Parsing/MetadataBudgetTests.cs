using System.Text;
using DocStream.Core.Documents.Wire;
using DocStream.Core.Parsing;
using DocStream.Testing;

namespace DocStream.Core.Tests.Parsing;

/// <summary>The BASIC fields stay within <see cref="MetadataBudget.MaxBytes"/> whatever the text, and real articles are untouched.</summary>
public class MetadataBudgetTests
{
    public static TheoryData<string> Pathological() => new()
    {
        // A 10 MiB headline: twenty words of half a megabyte each.
        string.Join(' ', Enumerable.Repeat(new string('ك', 250_000), 20)) + "\n\nنص.\n",
        "عنوان\n\nنص.\n\nمقالات مشابهة\n" + string.Concat(Enumerable.Range(0, 50_000).Select(i => $"• عنوان خبر مشابه رقم {i} عن موضوع ما\n")),
        "عنوان\n\n" + string.Concat(Enumerable.Range(0, 5_000).Select(i => $"المصدر: وكالة أنباء رقم {i}\n")) + "نص.\n",
        "عنوان\n\nنص.\n\nكلمات دلالية: " + string.Join("، ", Enumerable.Range(0, 20_000).Select(i => $"كلمة{i}")) + "\n",
        // Four UTF-8 bytes a character: the budget counts bytes, not characters.
        string.Concat(Enumerable.Repeat("😀", 100_000)) + "\n\nنص.\n",
    };

    [Theory]
    [MemberData(nameof(Pathological))]
    public void Parse_PathologicalText_KeepsTheEncodedBasicFieldsWithinTheBudgetAndSaysSo(string text)
    {
        var parsed = ArticleParser.Parse(text);

        Assert.InRange(MetadataWireFormat.Encode(parsed).Length, 1, MetadataBudget.MaxBytes);
        Assert.InRange(parsed.Title.Length, 1, MetadataBudget.MaxLineCharacters);
        Assert.Contains(parsed.Warnings, warning => warning.StartsWith("parsed fields over 12 KiB, cut to fit a BASIC read", StringComparison.Ordinal));
        Assert.True(Encoding.UTF8.GetByteCount(parsed.Title) == new UTF8Encoding(false, true).GetBytes(parsed.Title).Length, "no surrogate cut in half");
    }

    [Fact]
    public void Parse_ThousandsOfRelatedHeadlines_KeepsTheFirstOnesInOrder()
    {
        var text = "عنوان\n\nنص.\n\nمقالات مشابهة\n" + string.Concat(Enumerable.Range(0, 50_000).Select(i => $"• خبر {i}\n"));

        var parsed = ArticleParser.Parse(text);

        Assert.NotEmpty(parsed.RelatedHeadlines);
        Assert.Equal(Enumerable.Range(0, parsed.RelatedHeadlines.Count).Select(i => $"خبر {i}"), parsed.RelatedHeadlines);
        Assert.Contains("related headlines 50000 → " + parsed.RelatedHeadlines.Count, parsed.Warnings[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EveryArticleOfTheSeedsAndLabelledSets_IsWithinBudgetAndUncut()
    {
        var files = Seeds.All.Select(name => Path.Combine(AppContext.BaseDirectory, "Seeds", name))
            .Concat(Directory.GetFiles(Path.Combine(RepositoryLayout.Root, "tests", "corpora"), "*.txt", SearchOption.AllDirectories))
            .ToList();

        Assert.True(files.Count > 80, $"only {files.Count} articles");
        Assert.All(files, file =>
        {
            var parsed = ArticleParser.Parse(File.ReadAllText(file));
            Assert.True(MetadataBudget.Size(parsed) <= MetadataBudget.MaxBytes, file);
            Assert.DoesNotContain(parsed.Warnings, warning => warning.Contains("cut to fit", StringComparison.Ordinal));
        });
    }

    [Fact]
    public void Size_IsAnUpperBoundOfTheEncodedFields()
    {
        var parsed = Seeds.Parse(Seeds.PutinCallsSawa);

        Assert.True(MetadataBudget.Size(parsed) >= MetadataWireFormat.Encode(parsed).Length);
    }
}
