using DocStream.Core.Parsing;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using ContractDocument = DocStream.Contracts.V1.Document;
using ContractPost = DocStream.Contracts.V1.EmbeddedPost;

namespace DocStream.Core.Documents.Wire;

/// <summary>
/// A document's parsed metadata (every <see cref="ParsedArticle"/> field but the body and teasers) in the protobuf
/// wire form of the contract's <c>Document</c> fields <c>title</c>, <c>published_time</c>, <c>sources</c>,
/// <c>keywords_line</c>, <c>keywords</c>, <c>related_headlines</c>, <c>embedded_posts</c>, <c>language_code</c>,
/// <c>character_count</c>, <c>word_count</c> and <c>parse_warnings</c> (field numbers from the generated code), in
/// field-number order. Like <see cref="ContentWireFormat"/>, it lets the server send what the store holds without
/// decoding it into strings and encoding it back.
/// </summary>
public static class MetadataWireFormat
{
    /// <summary>
    /// Encodes the metadata as the contract's serializer writes those fields: in field order, with empty strings,
    /// zero counts and missing times left out as proto3 leaves them out.
    /// </summary>
    public static byte[] Encode(ParsedArticle parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer, leaveOpen: true);
        WriteString(output, ContractDocument.TitleFieldNumber, parsed.Title);
        WriteTime(output, ContractDocument.PublishedTimeFieldNumber, parsed.PublishedTime);
        WriteStrings(output, ContractDocument.SourcesFieldNumber, parsed.Sources);
        WriteString(output, ContractDocument.KeywordsLineFieldNumber, parsed.KeywordsLine);
        WriteStrings(output, ContractDocument.KeywordsFieldNumber, parsed.Keywords);
        WriteStrings(output, ContractDocument.RelatedHeadlinesFieldNumber, parsed.RelatedHeadlines);
        foreach (var post in parsed.EmbeddedPosts)
        {
            output.WriteTag(ContractDocument.EmbeddedPostsFieldNumber, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(EncodePost(post));
        }

        WriteString(output, ContractDocument.LanguageCodeFieldNumber, parsed.LanguageCode);
        WriteCount(output, ContractDocument.CharacterCountFieldNumber, parsed.CharacterCount);
        WriteCount(output, ContractDocument.WordCountFieldNumber, parsed.WordCount);
        WriteStrings(output, ContractDocument.ParseWarningsFieldNumber, parsed.Warnings);
        output.Flush();
        return buffer.ToArray();
    }

    /// <summary>Decodes what <see cref="Encode"/> wrote, with an empty body and no teasers; other fields are skipped.</summary>
    /// <exception cref="InvalidProtocolBufferException">The bytes are not valid protobuf.</exception>
    public static ParsedArticle Decode(ReadOnlyMemory<byte> encoded)
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
        var input = WireInput.Open(encoded);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case ContractDocument.TitleFieldNumber: title = input.ReadString(); break;
                case ContractDocument.PublishedTimeFieldNumber: published = ReadTime(input); break;
                case ContractDocument.SourcesFieldNumber: sources.Add(input.ReadString()); break;
                case ContractDocument.KeywordsLineFieldNumber: keywordsLine = input.ReadString(); break;
                case ContractDocument.KeywordsFieldNumber: keywords.Add(input.ReadString()); break;
                case ContractDocument.RelatedHeadlinesFieldNumber: relatedHeadlines.Add(input.ReadString()); break;
                case ContractDocument.EmbeddedPostsFieldNumber: embeddedPosts.Add(DecodePost(input.ReadBytes())); break;
                case ContractDocument.LanguageCodeFieldNumber: languageCode = input.ReadString(); break;
                case ContractDocument.CharacterCountFieldNumber: characterCount = input.ReadInt64(); break;
                case ContractDocument.WordCountFieldNumber: wordCount = input.ReadInt64(); break;
                case ContractDocument.ParseWarningsFieldNumber: warnings.Add(input.ReadString()); break;
                default: input.SkipLastField(); break;
            }
        }

        return new ParsedArticle(title, published, sources, keywordsLine, keywords, [], [], relatedHeadlines, embeddedPosts,
            languageCode, characterCount, wordCount, warnings);
    }

    /// <summary>
    /// The offset in <paramref name="encoded"/> of its first field numbered above <paramref name="fieldNumber"/>, or
    /// its length when there is none: where fields that the Document interleaves with the metadata (the body, the
    /// size) go, to keep the whole message in field-number order.
    /// </summary>
    /// <exception cref="InvalidDataException">The bytes are not valid protobuf.</exception>
    public static int OffsetOfFieldsAfter(ReadOnlySpan<byte> encoded, int fieldNumber)
    {
        var offset = 0;
        while (offset < encoded.Length)
        {
            var fieldStart = offset;
            var tag = (uint)ReadVarint(encoded, ref offset);
            if (WireFormat.GetTagFieldNumber(tag) > fieldNumber)
            {
                return fieldStart;
            }

            switch (WireFormat.GetTagWireType(tag))
            {
                case WireFormat.WireType.Varint:
                    ReadVarint(encoded, ref offset);
                    break;
                case WireFormat.WireType.LengthDelimited:
                    var length = checked((int)ReadVarint(encoded, ref offset));
                    offset = checked(offset + length);
                    break;
                case WireFormat.WireType.Fixed64:
                    offset += 8;
                    break;
                case WireFormat.WireType.Fixed32:
                    offset += 4;
                    break;
                default:
                    throw new InvalidDataException($"Stored metadata holds wire type {WireFormat.GetTagWireType(tag)}, which it never writes.");
            }
        }

        if (offset != encoded.Length)
        {
            throw new InvalidDataException("Stored metadata ends inside a field.");
        }

        return encoded.Length;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> encoded, ref int offset)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (offset >= encoded.Length)
            {
                throw new InvalidDataException("Stored metadata ends inside a varint.");
            }

            var b = encoded[offset++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("Stored metadata holds a varint longer than ten bytes.");
    }

    private static ByteString EncodePost(EmbeddedPost post)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer, leaveOpen: true);
        WriteString(output, ContractPost.TextFieldNumber, post.Text);
        WriteString(output, ContractPost.AuthorFieldNumber, post.Author);
        WriteString(output, ContractPost.HandleFieldNumber, post.Handle);
        WriteTime(output, ContractPost.PostTimeFieldNumber, post.PostTime);
        WriteString(output, ContractPost.UrlFieldNumber, post.Url);
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
                case ContractPost.TextFieldNumber: text = input.ReadString(); break;
                case ContractPost.AuthorFieldNumber: author = input.ReadString(); break;
                case ContractPost.HandleFieldNumber: handle = input.ReadString(); break;
                case ContractPost.PostTimeFieldNumber: time = ReadTime(input); break;
                case ContractPost.UrlFieldNumber: url = input.ReadString(); break;
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
