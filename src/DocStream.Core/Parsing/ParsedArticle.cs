namespace DocStream.Core.Parsing;

/// <summary>
/// The structure read out of one raw news article. Every field is derived from the raw text
/// and can be recomputed by parsing it again; nothing here is the source of truth.
/// </summary>
/// <param name="Title">The headline: the first non-empty line.</param>
/// <param name="PublishedTime">When the article says it was published, at midnight UTC when only a date is given; null when unstated or unreadable.</param>
/// <param name="Sources">Every <c>المصدر:</c> line's value, deduplicated, as written.</param>
/// <param name="KeywordsLine">The <c>كلمات دلالية:</c> line's value as written; empty when absent.</param>
/// <param name="Keywords">The keywords line split into terms.</param>
/// <param name="Body">The main article's paragraphs, in order, boilerplate removed.</param>
/// <param name="ReadAlso">Other stories teased under <c>إقرأ أيضاً:</c>.</param>
/// <param name="RelatedHeadlines">Headlines under <c>مقالات مشابهة</c>, one per bullet.</param>
/// <param name="EmbeddedPosts">Social posts quoted in the text.</param>
/// <param name="LanguageCode">BCP-47 code by script: <c>ar</c>, <c>en</c> or <c>und</c>.</param>
/// <param name="CharacterCount">Unicode scalar values in the text.</param>
/// <param name="WordCount">Whitespace-separated words in the text.</param>
/// <param name="Warnings">Things noticed but not used, such as an unreadable date line.</param>
public sealed record ParsedArticle(
    string Title,
    DateTimeOffset? PublishedTime,
    IReadOnlyList<string> Sources,
    string KeywordsLine,
    IReadOnlyList<string> Keywords,
    IReadOnlyList<string> Body,
    IReadOnlyList<ReadAlsoTeaser> ReadAlso,
    IReadOnlyList<string> RelatedHeadlines,
    IReadOnlyList<EmbeddedPost> EmbeddedPosts,
    string LanguageCode,
    long CharacterCount,
    long WordCount,
    IReadOnlyList<string> Warnings);

/// <summary>Another article teased inside the main one.</summary>
/// <param name="Title">The teased article's headline.</param>
/// <param name="Paragraphs">The teased article's paragraphs.</param>
public sealed record ReadAlsoTeaser(string Title, IReadOnlyList<string> Paragraphs);

/// <summary>A social media post quoted in an article.</summary>
/// <param name="Text">The post's text.</param>
/// <param name="Author">The author's display name.</param>
/// <param name="Handle">The handle without the <c>@</c>.</param>
/// <param name="PostTime">The post's date at midnight UTC; null when unreadable.</param>
/// <param name="Url">The post's short link.</param>
public sealed record EmbeddedPost(string Text, string Author, string Handle, DateTimeOffset? PostTime, string Url);
