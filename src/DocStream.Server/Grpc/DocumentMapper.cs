using DocStream.Contracts.V1;
using DocStream.Core.Documents;
using DocStream.Server.Grpc.PreEncoded;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using CoreEmbeddedPost = DocStream.Core.Parsing.EmbeddedPost;
using CoreReadAlsoTeaser = DocStream.Core.Parsing.ReadAlsoTeaser;

namespace DocStream.Server.Grpc;

/// <summary>Maps stored documents onto the contract's messages.</summary>
public static class DocumentMapper
{
    /// <summary>
    /// The document as the contract shows it, from a decoded read or a write's result (an encoded read goes through
    /// <see cref="ToEncoded"/>); BASIC leaves out the raw content, body and teasers.
    /// </summary>
    public static Document ToContract(StoredDocument stored, bool full)
    {
        var document = ToStoredFields(stored, full);
        AddMetadata(document, stored.Parsed);
        if (full && stored.RawContent is not null)
        {
            var parsed = stored.Parsed;
            document.Body.AddRange(parsed.Body);
            foreach (var teaser in parsed.ReadAlso)
            {
                document.ReadAlso.Add(ToContract(teaser));
            }
        }

        return document;
    }

    /// <summary>
    /// The document ready to send: for the FULL view, <paramref name="stored"/> must come from an encoded read, whose
    /// metadata, body and teasers are passed on undecoded.
    /// </summary>
    public static EncodedDocument ToEncoded(StoredDocument stored, bool full)
    {
        if (full && stored.EncodedContent is null)
        {
            throw new ArgumentException("A FULL document needs the encoded content of an encoded read.", nameof(stored));
        }

        var document = ToStoredFields(stored, full);
        if (stored.EncodedMetadata is null)
        {
            AddMetadata(document, stored.Parsed);
        }

        return new EncodedDocument(document, stored.EncodedMetadata, full ? stored.EncodedContent : ReadOnlyMemory<byte>.Empty);
    }

    /// <summary>True when <paramref name="view"/> asks for everything, given the method's default.</summary>
    public static bool IsFull(DocumentView view, DocumentView methodDefault) =>
        (view == DocumentView.Unspecified ? methodDefault : view) == DocumentView.Full;

    /// <summary>The fields the store keeps as columns, the raw bytes included for FULL.</summary>
    private static Document ToStoredFields(StoredDocument stored, bool full)
    {
        var document = new Document
        {
            Name = DocumentName.Format(stored.Id),
            ContentSha256 = stored.ContentSha256,
            SourceUri = stored.SourceUri,
            SizeBytes = stored.SizeBytes,
            CreateTime = Timestamp.FromDateTimeOffset(stored.CreateTime),
            Etag = stored.Etag,
        };
        if (full && stored.RawContent is { } raw)
        {
            // The stored array is never mutated after it is read, so it can back the message without a copy.
            document.RawContent = UnsafeByteOperations.UnsafeWrap(raw);
        }

        return document;
    }

    /// <summary>The parsed fields but the body and teasers (the ones <see cref="MetadataWireFormat"/> carries).</summary>
    private static void AddMetadata(Document document, Core.Parsing.ParsedArticle parsed)
    {
        document.Title = parsed.Title;
        document.PublishedTime = ToTimestamp(parsed.PublishedTime);
        document.Sources.AddRange(parsed.Sources);
        document.KeywordsLine = parsed.KeywordsLine;
        document.Keywords.AddRange(parsed.Keywords);
        document.RelatedHeadlines.AddRange(parsed.RelatedHeadlines);
        document.LanguageCode = parsed.LanguageCode;
        document.CharacterCount = parsed.CharacterCount;
        document.WordCount = parsed.WordCount;
        document.ParseWarnings.AddRange(parsed.Warnings);
        foreach (var post in parsed.EmbeddedPosts)
        {
            document.EmbeddedPosts.Add(ToContract(post));
        }
    }

    private static Contracts.V1.EmbeddedPost ToContract(CoreEmbeddedPost post) => new()
    {
        Text = post.Text,
        Author = post.Author,
        Handle = post.Handle,
        PostTime = ToTimestamp(post.PostTime),
        Url = post.Url,
    };

    private static Contracts.V1.ReadAlsoTeaser ToContract(CoreReadAlsoTeaser teaser) => new()
    {
        Title = teaser.Title,
        Paragraphs = { teaser.Paragraphs },
    };

    private static Timestamp? ToTimestamp(DateTimeOffset? time) => time is { } t ? Timestamp.FromDateTimeOffset(t) : null;
}
