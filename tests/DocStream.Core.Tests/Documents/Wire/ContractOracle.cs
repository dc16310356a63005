using DocStream.Contracts.V1;
using DocStream.Core.Documents;
using DocStream.Core.Parsing;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using CoreEmbeddedPost = DocStream.Core.Parsing.EmbeddedPost;
using CoreReadAlsoTeaser = DocStream.Core.Parsing.ReadAlsoTeaser;

namespace DocStream.Core.Tests.Documents.Wire;

/// <summary>
/// The contract's <c>Document</c> built field by field with the generated types, from a stored document's fields and
/// the article it was parsed into: the independent reading the pre-encoded bytes are checked against.
/// </summary>
internal static class ContractOracle
{
    public static Document ToContract(StoredDocument stored, ParsedArticle parsed, DocumentParts parts)
    {
        var document = new Document
        {
            Name = DocumentName.Format(stored.Id),
            ContentSha256 = stored.ContentSha256,
            SourceUri = stored.SourceUri,
            Title = parsed.Title,
            PublishedTime = ToTimestamp(parsed.PublishedTime),
            Sources = { parsed.Sources },
            KeywordsLine = parsed.KeywordsLine,
            Keywords = { parsed.Keywords },
            RelatedHeadlines = { parsed.RelatedHeadlines },
            EmbeddedPosts = { parsed.EmbeddedPosts.Select(ToContract) },
            LanguageCode = parsed.LanguageCode,
            SizeBytes = stored.SizeBytes,
            CharacterCount = parsed.CharacterCount,
            WordCount = parsed.WordCount,
            ParseWarnings = { parsed.Warnings },
            CreateTime = Timestamp.FromDateTimeOffset(stored.CreateTime),
            Etag = stored.Etag,
            Story = stored.StoryId is { } story ? "stories/" + story : "",
            NearDuplicateOf = stored.NearDuplicateOf is { } original ? "documents/" + original : "",
        };
        if (parts.HasFlag(DocumentParts.RawContent))
        {
            document.RawContent = ByteString.CopyFrom(stored.RawContent);
        }

        if (parts.HasFlag(DocumentParts.Body))
        {
            document.Body.AddRange(parsed.Body);
            document.ReadAlso.AddRange(parsed.ReadAlso.Select(ToContract));
        }

        return document;
    }

    private static Contracts.V1.EmbeddedPost ToContract(CoreEmbeddedPost post) => new()
    {
        Text = post.Text,
        Author = post.Author,
        Handle = post.Handle,
        PostTime = ToTimestamp(post.PostTime),
        Url = post.Url,
    };

    private static Contracts.V1.ReadAlsoTeaser ToContract(CoreReadAlsoTeaser teaser) => new() { Title = teaser.Title, Paragraphs = { teaser.Paragraphs } };

    private static Timestamp? ToTimestamp(DateTimeOffset? time) => time is { } t ? Timestamp.FromDateTimeOffset(t) : null;
}
