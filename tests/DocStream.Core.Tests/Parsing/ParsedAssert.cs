using DocStream.Core.Parsing;

namespace DocStream.Core.Tests.Parsing;

internal static class ParsedAssert
{
    /// <summary>Every parsed field except the raw-text counts, which legitimately differ between encodings of one article.</summary>
    public static void SameStructure(ParsedArticle expected, ParsedArticle actual)
    {
        Assert.Equal(expected.Title, actual.Title);
        Assert.Equal(expected.PublishedTime, actual.PublishedTime);
        Assert.Equal(expected.Sources, actual.Sources);
        Assert.Equal(expected.KeywordsLine, actual.KeywordsLine);
        Assert.Equal(expected.Keywords, actual.Keywords);
        Assert.Equal(expected.Body, actual.Body);
        Assert.Equal(expected.ReadAlso.Count, actual.ReadAlso.Count);
        for (var i = 0; i < expected.ReadAlso.Count; i++)
        {
            Assert.Equal(expected.ReadAlso[i].Title, actual.ReadAlso[i].Title);
            Assert.Equal(expected.ReadAlso[i].Paragraphs, actual.ReadAlso[i].Paragraphs);
        }

        Assert.Equal(expected.RelatedHeadlines, actual.RelatedHeadlines);
        Assert.Equal(expected.EmbeddedPosts, actual.EmbeddedPosts);
        Assert.Equal(expected.LanguageCode, actual.LanguageCode);
        Assert.Equal(expected.Warnings, actual.Warnings);
    }

    /// <summary>Counts computed without the parser: runes (lone surrogates as one each) and whitespace-split tokens.</summary>
    public static void CountsMatchIndependentComputation(string text, ParsedArticle parsed)
    {
        Assert.Equal(text.EnumerateRunes().LongCount(), parsed.CharacterCount);
        Assert.Equal(text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).LongLength, parsed.WordCount);
    }
}
