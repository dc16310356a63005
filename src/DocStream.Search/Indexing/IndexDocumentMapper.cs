using DocStream.Core.Parsing;
using Lucene.Net.Documents;

namespace DocStream.Search.Indexing;

/// <summary>
/// What of a parsed article goes into the index: the headline, the main article's paragraphs and the keywords are
/// searched; read-also teasers, related headlines and embedded posts are not (they are other stories).
/// Source, language, published time, story and whether it is a near copy are kept for the filter.
/// </summary>
public static class IndexDocumentMapper
{
    /// <summary>Builds the index entry of document <paramref name="id"/>, of story <paramref name="storyId"/> (none when null).</summary>
    public static Document ToDocument(string id, ParsedArticle parsed, string? storyId = null, bool nearDuplicate = false)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var document = new Document
        {
            new StringField(IndexFields.Id, id, Field.Store.YES),
            new TextField(IndexFields.Title, parsed.Title, Field.Store.YES),
            new StringField(IndexFields.Language, parsed.LanguageCode, Field.Store.NO),
            new StringField(IndexFields.NearDuplicate, nearDuplicate ? "true" : "false", Field.Store.NO),
        };
        if (storyId is not null)
        {
            document.Add(new StringField(IndexFields.Story, storyId, Field.Store.NO));
        }

        foreach (var paragraph in parsed.Body)
        {
            document.Add(new TextField(IndexFields.Body, paragraph, Field.Store.YES));
        }

        foreach (var keyword in parsed.Keywords)
        {
            document.Add(new TextField(IndexFields.Keywords, keyword, Field.Store.NO));
        }

        foreach (var source in parsed.Sources)
        {
            document.Add(new StringField(IndexFields.Source, source, Field.Store.NO));
        }

        if (parsed.PublishedTime is { } published)
        {
            document.Add(new Int64Field(IndexFields.Published, ToUnixMicros(published), Field.Store.NO));
        }

        return document;
    }

    /// <summary>Unix microseconds, as the store and <c>DocumentFilter</c> count them.</summary>
    public static long ToUnixMicros(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
}

/// <summary>One document as the index follows it: its parsed fields (null for a deletion) and its story.</summary>
/// <param name="Id">The document id.</param>
/// <param name="Parsed">Its parsed fields; null when the document is gone.</param>
/// <param name="StoryId">The id of its story; null when it has none.</param>
/// <param name="NearDuplicate">Whether it is a near copy of another document.</param>
public readonly record struct IndexEntry(string Id, ParsedArticle? Parsed, string? StoryId, bool NearDuplicate);
