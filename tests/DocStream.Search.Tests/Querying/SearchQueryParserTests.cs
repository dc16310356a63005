using DocStream.Search.Querying;

namespace DocStream.Search.Tests.Querying;

public class SearchQueryParserTests
{
    [Fact]
    public void Parse_Words_AreEachRequired()
    {
        var query = SearchQueryParser.Parse("بوتين  غزة");

        Assert.Equal([["بوتين"], ["غزة"]], query.Required.Select(g => g.Select(a => a.Text)));
        Assert.Equal([0, 7], query.Required.Select(g => g[0].Position));
        Assert.Empty(query.Excluded);
    }

    [Fact]
    public void Parse_QuotedPhrase_IsOneAtom()
    {
        var atom = Assert.Single(Assert.Single(SearchQueryParser.Parse("\"حل الدولتين\"").Required));

        Assert.Equal(("حل الدولتين", true), (atom.Text, atom.IsPhrase));
    }

    [Fact]
    public void Parse_Or_JoinsNeighboursIntoOneGroup()
    {
        var query = SearchQueryParser.Parse("روسيا رفح OR \"قطاع غزة\" OR خان");

        Assert.Equal([["روسيا"], ["رفح", "قطاع غزة", "خان"]], query.Required.Select(g => g.Select(a => a.Text)));
    }

    [Fact]
    public void Parse_LowerCaseOr_IsAnOrdinaryWord() =>
        Assert.Equal(3, SearchQueryParser.Parse("war or peace").Required.Count);

    [Fact]
    public void Parse_Minus_ExcludesWordOrPhrase()
    {
        var query = SearchQueryParser.Parse("بوتين -نتنياهو -\"قطاع غزة\"");

        Assert.Equal(["نتنياهو", "قطاع غزة"], query.Excluded.Select(a => a.Text));
        Assert.Equal([6, 15], query.Excluded.Select(a => a.Position));
    }

    [Fact]
    public void Parse_HyphenInsideWord_IsPartOfTheWord() =>
        Assert.Equal("covid-19", Assert.Single(Assert.Single(SearchQueryParser.Parse("covid-19").Required)).Text);

    [Theory]
    [InlineData("", 0)]
    [InlineData("   ", 0)]
    [InlineData("غزة \"حل الدولتين", 4)]         // unterminated phrase: at its opening quote
    [InlineData("غزة -\"حل", 5)]                  // unterminated excluded phrase
    [InlineData("OR غزة", 0)]                    // OR with nothing on its left
    [InlineData("غزة OR", 4)]                    // dangling OR at the end
    [InlineData("غزة OR OR رفح", 7)]             // OR on OR: the second one
    [InlineData("غزة OR -رفح", 7)]               // an exclusion cannot be an alternative
    [InlineData("-رفح OR غزة", 5)]               // nor the left side of OR
    [InlineData("-رفح -غزة", 0)]                 // only exclusions: at the first
    [InlineData("غزة - رفح", 4)]                 // '-' with nothing attached
    [InlineData("غزة \"  \"", 4)]                // empty phrase
    public void Parse_Malformed_ThrowsWithThePosition(string text, int position)
    {
        var error = Assert.Throws<QuerySyntaxException>(() => SearchQueryParser.Parse(text));

        Assert.Equal(position, error.Position);
        Assert.Equal(QuerySyntaxException.Malformed, error.Reason);
        Assert.Contains($"at character {position}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TooLong_ThrowsAtTheLimit()
    {
        var error = Assert.Throws<QuerySyntaxException>(() => SearchQueryParser.Parse(new string('ب', SearchQueryParser.MaxLength + 1)));

        Assert.Equal(SearchQueryParser.MaxLength, error.Position);
    }

    [Fact]
    public void Parse_TooManyWords_ThrowsAtTheFirstOneOverTheLimit()
    {
        var text = string.Join(' ', Enumerable.Repeat("ab", SearchQueryParser.MaxAtoms + 1));

        var error = Assert.Throws<QuerySyntaxException>(() => SearchQueryParser.Parse(text));

        Assert.Equal(SearchQueryParser.MaxAtoms * 3, error.Position);
    }
}
