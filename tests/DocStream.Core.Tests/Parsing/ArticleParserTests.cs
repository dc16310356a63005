using DocStream.Core.Parsing;

namespace DocStream.Core.Tests.Parsing;

public class ArticleParserTests
{
    [Fact]
    public void Parse_SourceLinesWithAndWithoutSpace_AreDeduplicatedAsWritten()
    {
        var parsed = ArticleParser.Parse("عنوان\n\nفقرة\n\nالمصدر : وكالة سوا\n\nالمصدر: وكالة سوا الإخبارية\nالمصدر: وكالة سوا\n");

        Assert.Equal("عنوان", parsed.Title);
        Assert.Equal(["وكالة سوا", "وكالة سوا الإخبارية"], parsed.Sources);
    }
}
