namespace DocStream.Core.Parsing;

/// <summary>
/// Reads the structure out of raw news article text. The rules are documented in <c>docs/parsing.md</c>.
/// </summary>
public static class ArticleParser
{
    /// <summary>
    /// Bumped whenever parsing rules change, so stored documents parsed by an older version can be found and re-parsed.
    /// Version 3: the BASIC fields are kept within <see cref="MetadataBudget"/>.
    /// Version 4: English date labels, last-updated lines and dates, related headlines split after a glued <c>؟</c>,
    /// a title derived from a lead paragraph that stands where the headline would be.
    /// Version 5: a keywords line with no delimiter keeps the multi-word terms its article writes together; numeric
    /// dates read day first (<c>21/07/2024</c>); an ISO date and time followed by GMT or UTC.
    /// Version 6: a run of keywords also matches the article where a later word of it has or lacks the article
    /// (<c>تحلية المياه</c> written <c>تحلية مياه</c>).
    /// </summary>
    public const int Version = 6;

    /// <summary>
    /// Parses <paramref name="text"/>. Never throws for any input (a null reference reads as empty text),
    /// never modifies it, and runs in time linear in its length. Problems are reported in
    /// <see cref="ParsedArticle.Warnings"/>.
    /// </summary>
    public static ParsedArticle Parse(string text)
    {
        text ??= "";
        var state = new ArticleScanner(TextHygiene.SplitCleanLines(text));
        state.Scan();
        return MetadataBudget.Fit(state.Build(
            TextStatistics.DetectLanguage(text),
            TextStatistics.CountCharacters(text),
            TextStatistics.CountWords(text)));
    }
}
