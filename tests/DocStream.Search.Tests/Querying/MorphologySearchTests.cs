using DocStream.Core.Parsing;
using DocStream.Core.Querying;
using DocStream.Search.Indexing;

namespace DocStream.Search.Tests.Querying;

/// <summary>Bare proclitics found by the bare noun, short stems kept apart, exact forms ranked first, a hamza alef
/// before lam read as part of the word.</summary>
public class MorphologySearchTests
{
    private static readonly (string Id, string Raw)[] Articles =
    [
        ("zarqa", "افتتاح سوق جديد\nافتتح المحافظ سوقا شعبيا بمدينة الزرقاء صباح اليوم وقدم تقريرا لمجلس الأمن المحلي.\n"),
        ("egypt", "زيارة رسمية\nوصل الوفد إلى مصر أمس في زيارة تستمر يومين.\n"),
        ("egyptian", "تصريح وزير\nقال الوزير المصري إن المفاوضات مستمرة وإن الموقف المصري ثابت.\n"),
        ("salman", "استقبال رسمي\nاستقبل الأمير سلمان وفدا من رجال الأعمال.\n"),
        ("fiber", "شبكة حديثة\nمدت الشركة كابلات الألياف الضوئية إلى الأحياء وأعلنت الإلغاء التدريجي للنحاس.\n"),
        ("peace", "مبادرة جديدة\nدعا الوسطاء إلى حل سلمي والعودة إلى السلم الأهلي.\n"),
    ];

    private static readonly Lazy<DocumentSearcher> Searcher = new(() =>
    {
        var index = SearchIndex.InMemory();
        index.Upsert(Articles.Select(article => (article.Id, ArticleParser.Parse(article.Raw))));
        return new DocumentSearcher(index);
    });

    private static List<string> Ids(string query) => [.. Searcher.Value.Search(query, DocumentFilter.All).Hits.Select(hit => hit.Id)];

    [Theory]
    [InlineData("مدينة")]
    [InlineData("مجلس الأمن")]
    [InlineData("\"مدينة الزرقاء\"")]
    [InlineData("\"مجلس الأمن\"")]
    public void Search_BareNoun_FindsItWrittenWithABareProclitic(string query) =>
        Assert.Equal(["zarqa"], Ids(query));

    [Fact]
    public void Search_ShortStem_RanksTheExactFormFirst()
    {
        var hits = Ids("مصر");

        Assert.Equal("egypt", hits[0]);
        Assert.Contains("egyptian", hits);
        Assert.Equal("egyptian", Ids("المصري")[0]);
    }

    [Fact]
    public void Search_NameWithAPluralLookingEnding_DoesNotMatchWordsOfItsShortStem()
    {
        Assert.Equal(["salman"], Ids("سلمان"));
        Assert.DoesNotContain("salman", Ids("سلمي"));
    }

    [Theory]
    [InlineData("ألياف")]
    [InlineData("ألياف ضوئية")]
    [InlineData("إلغاء")]
    public void Search_WordStartingWithAlefHamzaAndLam_FindsItAfterTheArticle(string query) =>
        Assert.Equal(["fiber"], Ids(query));
}
