namespace DocStream.Core.Parsing;

/// <summary>
/// The structure read out of one raw news article. Every field is derived from the raw text
/// and can be recomputed by parsing it again; nothing here is the source of truth.
/// Text fields are single cleaned lines: zero-width and bidi format characters removed, no-break spaces
/// turned into plain spaces, trimmed; otherwise as written. See <c>docs/parsing.md</c>.
/// </summary>
/// <param name="Title">The headline: the first non-empty line, whatever it holds (cut when the fields are over <see cref="MetadataBudget"/>); empty when the text has none.</param>
/// <param name="PublishedTime">When the article says it was published, at midnight UTC when only a date is given; null when unstated or unreadable.</param>
/// <param name="Sources">Every <c>المصدر:</c> / <c>المصدر :</c> line's value anywhere in the text, deduplicated (ordinal), as written, in order.</param>
/// <param name="KeywordsLine">The <c>كلمات دلالية:</c> line's value as written; empty when absent.</param>
/// <param name="Keywords">The keywords line split into terms: on <c>، , | ؛ ;</c> when any is present, otherwise into the runs of words the headline or body writes together (see <c>KeywordSplitter</c>); duplicates dropped.</param>
/// <param name="Body">The main article's paragraphs, in order, boilerplate removed.</param>
/// <param name="ReadAlso">Other stories teased under <c>إقرأ أيضاً:</c>.</param>
/// <param name="RelatedHeadlines">Headlines under <c>مقالات مشابهة</c> (or bullets right after <c>أخبار ذات صلة</c>), one per bullet; a bullet holding further <c>•</c> glyphs is split there.</param>
/// <param name="EmbeddedPosts">Social posts quoted in the text (main article and teasers alike).</param>
/// <param name="LanguageCode">BCP-47 code by script over all letters: <c>ar</c> when Arabic-script letters are the majority, <c>en</c> when Latin-script letters are, otherwise <c>und</c>.</param>
/// <param name="CharacterCount">Unicode scalar values in the raw text (a lone surrogate counts as one).</param>
/// <param name="WordCount">Runs of non-white-space characters in the raw text.</param>
/// <param name="Warnings">Things noticed but not used, such as an unreadable date line; English, at most 50 plus a final "further warnings suppressed".</param>
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
    IReadOnlyList<string> Warnings)
{
    /// <summary>No fields at all: what an encoded read leaves in place of the fields it passes on undecoded.</summary>
    public static ParsedArticle Empty { get; } = new("", null, [], "", [], [], [], [], [], "", 0, 0, []);
}

/// <summary>Another article teased inside the main one.</summary>
/// <param name="Title">The teased article's headline: the marker line's text after its colon, else the first content line after the marker.</param>
/// <param name="Paragraphs">The teased article's paragraphs, up to the next read-also or <c>مقالات مشابهة</c> marker or the end of the text.</param>
public sealed record ReadAlsoTeaser(string Title, IReadOnlyList<string> Paragraphs);

/// <summary>A social media post quoted in an article.</summary>
/// <param name="Text">The post's text: its line without the link.</param>
/// <param name="Author">The author's display name.</param>
/// <param name="Handle">The handle without the <c>@</c>.</param>
/// <param name="PostTime">The post's date at midnight UTC; null when unreadable.</param>
/// <param name="Url">The post's short link (the last <c>t.co</c> link on its line).</param>
public sealed record EmbeddedPost(string Text, string Author, string Handle, DateTimeOffset? PostTime, string Url);
