using DocStream.Core.Parsing;

namespace DocStream.Core.Tests.Parsing;

/// <summary>The five seed articles, copied to the test output directory under <c>Seeds/</c>.</summary>
internal static class Seeds
{
    public const string PutinCallsSawa = "000_b579769692177f78.txt";
    public const string PutinCallsNoBoilerplate = "001_97311cea57149271.txt";
    public const string PutinOffersHelp = "002_4af9fadfdc09d4ea.txt";
    public const string KremlinTerrorism = "003_8a7ac69372d375fc.txt";
    public const string RussiaCeasefire = "004_88944a9590b6fbb5.txt";

    public static readonly string[] All =
        [PutinCallsSawa, PutinCallsNoBoilerplate, PutinOffersHelp, KremlinTerrorism, RussiaCeasefire];

    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Seeds", name));

    public static ParsedArticle Parse(string name) => ArticleParser.Parse(Read(name));

    public static DateTimeOffset Utc(int year, int month, int day) => new(year, month, day, 0, 0, 0, TimeSpan.Zero);

    /// <summary>No body paragraph may carry a label, marker, bullet or embedded link.</summary>
    public static void AssertNoBoilerplateIn(IEnumerable<string> paragraphs)
    {
        foreach (var p in paragraphs)
        {
            Assert.DoesNotContain("المصدر:", p, StringComparison.Ordinal);
            Assert.DoesNotContain("المصدر :", p, StringComparison.Ordinal);
            Assert.DoesNotContain("كلمات دلالية", p, StringComparison.Ordinal);
            Assert.DoesNotContain("تاريخ النشر", p, StringComparison.Ordinal);
            Assert.DoesNotContain("أيضاً:", p, StringComparison.Ordinal);
            Assert.DoesNotContain("مقالات مشابهة", p, StringComparison.Ordinal);
            Assert.DoesNotContain("t.co/", p, StringComparison.Ordinal);
            Assert.False(p.StartsWith('•'), p);
            Assert.NotEqual("أخبار ذات صلة", p);
        }
    }
}
