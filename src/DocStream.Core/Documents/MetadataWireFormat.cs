using DocStream.Core.Parsing;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace DocStream.Core.Documents;

/// <summary>
/// A document's parsed metadata (every <see cref="ParsedArticle"/> field but the body and teasers) in the protobuf
/// wire form of the contract's <c>Document</c> message: <c>title = 5</c>, <c>published_time = 6</c>,
/// <c>sources = 7</c>, <c>keywords_line = 8</c>, <c>keywords = 9</c>, <c>related_headlines = 12</c>,
/// <c>embedded_posts = 13</c>, <c>language_code = 14</c>, <c>character_count = 16</c>, <c>word_count = 17</c> and
/// <c>parse_warnings = 18</c> of <c>protos/docstream/v1/document.proto</c>. Like <see cref="ContentWireFormat"/>,
/// it lets the server send what the store holds without decoding it into strings and encoding it back.
/// </summary>
public static class MetadataWireFormat
{
    private const int TitleField = 5;
    private const int PublishedTimeField = 6;
    private const int SourcesField = 7;
    private const int KeywordsLineField = 8;
    private const int KeywordsField = 9;
    private const int RelatedHeadlinesField = 12;
    private const int EmbeddedPostsField = 13;
    private const int LanguageCodeField = 14;
    private const int CharacterCountField = 16;
    private const int WordCountField = 17;
    private const int ParseWarningsField = 18;

    private const int PostTextField = 1;
    private const int PostAuthorField = 2;
    private const int PostHandleField = 3;
    private const int PostTimeField = 4;
    private const int PostUrlField = 5;

    /// <summary>
    /// Encodes the metadata as the contract's serializer writes those fields: in field order, with empty strings,
    /// zero counts and missing times left out as proto3 leaves them out.
    /// </summary>
    public static byte[] Encode(ParsedArticle parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer, leaveOpen: true);
        WriteString(output, TitleField, parsed.Title);
        WriteTime(output, PublishedTimeField, parsed.PublishedTime);
        WriteStrings(output, SourcesField, parsed.Sources);
        WriteString(output, KeywordsLineField, parsed.KeywordsLine);
        WriteStrings(output, KeywordsField, parsed.Keywords);
        WriteStrings(output, RelatedHeadlinesField, parsed.RelatedHeadlines);
        foreach (var post in parsed.EmbeddedPosts)
        {
            output.WriteTag(EmbeddedPostsField, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(EncodePost(post));
        }

        WriteString(output, LanguageCodeField, parsed.LanguageCode);
        WriteCount(output, CharacterCountField, parsed.CharacterCount);
        WriteCount(output, WordCountField, parsed.WordCount);
        WriteStrings(output, ParseWarningsField, parsed.Warnings);
        output.Flush();
        return buffer.ToArray();
    }

    /// <summary>Decodes what <see cref="Encode"/> wrote, with an empty body and no teasers; other fields are skipped.</summary>
    /// <exception cref="InvalidProtocolBufferException">The bytes are not valid protobuf.</exception>
    public static ParsedArticle Decode(byte[] encoded)
    {
        var title = "";
        DateTimeOffset? published = null;
        var sources = new List<string>();
        var keywordsLine = "";
        var keywords = new List<string>();
        var relatedHeadlines = new List<string>();
        var embeddedPosts = new List<EmbeddedPost>();
        var languageCode = "";
        long characterCount = 0, wordCount = 0;
        var warnings = new List<string>();
        var input = new CodedInputStream(encoded);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case TitleField: title = input.ReadString(); break;
                case PublishedTimeField: published = ReadTime(input); break;
                case SourcesField: sources.Add(input.ReadString()); break;
                case KeywordsLineField: keywordsLine = input.ReadString(); break;
                case KeywordsField: keywords.Add(input.ReadString()); break;
                case RelatedHeadlinesField: relatedHeadlines.Add(input.ReadString()); break;
                case EmbeddedPostsField: embeddedPosts.Add(DecodePost(input.ReadBytes())); break;
                case LanguageCodeField: languageCode = input.ReadString(); break;
                case CharacterCountField: characterCount = input.ReadInt64(); break;
                case WordCountField: wordCount = input.ReadInt64(); break;
                case ParseWarningsField: warnings.Add(input.ReadString()); break;
                default: input.SkipLastField(); break;
            }
        }

        return new ParsedArticle(title, published, sources, keywordsLine, keywords, [], [], relatedHeadlines, embeddedPosts,
            languageCode, characterCount, wordCount, warnings);
    }

    private static ByteString EncodePost(EmbeddedPost post)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer, leaveOpen: true);
        WriteString(output, PostTextField, post.Text);
        WriteString(output, PostAuthorField, post.Author);
        WriteString(output, PostHandleField, post.Handle);
        WriteTime(output, PostTimeField, post.PostTime);
        WriteString(output, PostUrlField, post.Url);
        output.Flush();
        return UnsafeByteOperations.UnsafeWrap(buffer.ToArray());
    }

    private static EmbeddedPost DecodePost(ByteString encoded)
    {
        string text = "", author = "", handle = "", url = "";
        DateTimeOffset? time = null;
        var input = encoded.CreateCodedInput();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case PostTextField: text = input.ReadString(); break;
                case PostAuthorField: author = input.ReadString(); break;
                case PostHandleField: handle = input.ReadString(); break;
                case PostTimeField: time = ReadTime(input); break;
                case PostUrlField: url = input.ReadString(); break;
                default: input.SkipLastField(); break;
            }
        }

        return new EmbeddedPost(text, author, handle, time, url);
    }

    private static void WriteString(CodedOutputStream output, int field, string value)
    {
        if (value.Length > 0)
        {
            output.WriteTag(field, WireFormat.WireType.LengthDelimited);
            output.WriteString(value);
        }
    }

    private static void WriteStrings(CodedOutputStream output, int field, IReadOnlyList<string> values)
    {
        // Repeated strings are written even when empty: proto3 keeps every element of a list.
        foreach (var value in values)
        {
            output.WriteTag(field, WireFormat.WireType.LengthDelimited);
            output.WriteString(value);
        }
    }

    private static void WriteCount(CodedOutputStream output, int field, long value)
    {
        if (value != 0)
        {
            output.WriteTag(field, WireFormat.WireType.Varint);
            output.WriteInt64(value);
        }
    }

    private static void WriteTime(CodedOutputStream output, int field, DateTimeOffset? time)
    {
        if (time is { } value)
        {
            output.WriteTag(field, WireFormat.WireType.LengthDelimited);
            output.WriteMessage(Timestamp.FromDateTimeOffset(value));
        }
    }

    private static DateTimeOffset ReadTime(CodedInputStream input)
    {
        var timestamp = new Timestamp();
        input.ReadMessage(timestamp);
        return timestamp.ToDateTimeOffset();
    }
}
