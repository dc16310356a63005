using DocStream.Search.Analysis;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.TokenAttributes;

namespace DocStream.Search.Tests.Analysis;

/// <summary>The fast lower-casing gives Lucene's terms exactly, in every script.</summary>
public sealed class CaselessScriptLowerCaseFilterTests
{
    [Theory]
    [InlineData("غزة إسرائيل الأمم المتحدة ١٢٣ ٤٥٦")]
    [InlineData("UNRWA Gaza COVID-19 iPhone McDonald's")]
    [InlineData("Covid١٩ غزةGAZA ABCغزة")]
    [InlineData("ΣΟΦΊΑ Москва İSTANBUL Straße ǅemal")]
    [InlineData("\U00010400\U00010401 Ⅻ Ⓐ ＡＢＣ")]
    [InlineData("ﻻ ﷺ פלסטין 北京 ÀÉÎÕÜ")]
    public void IncrementToken_AnyScript_GivesLuceneLowerCaseFilterTerms(string text) =>
        Assert.Equal(Terms(text, tokens => new LowerCaseFilter(DocStreamAnalyzer.MatchVersion, tokens)),
            Terms(text, tokens => new CaselessScriptLowerCaseFilter(tokens)));

    [Fact]
    public void IncrementToken_LatinAfterArabic_IsLowered() =>
        Assert.Equal(["غزةgaza", "ασ"], Terms("غزةGAZA ΑΣ", tokens => new CaselessScriptLowerCaseFilter(tokens)));

    private static List<string> Terms(string text, Func<TokenStream, TokenStream> filter)
    {
        using var stream = filter(new WhitespaceTokenizer(DocStreamAnalyzer.MatchVersion, new StringReader(text)));
        var term = stream.AddAttribute<ICharTermAttribute>();
        var terms = new List<string>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms;
    }
}
