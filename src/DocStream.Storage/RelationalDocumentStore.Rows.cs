using System.Data.Common;
using System.Text.Json;
using DocStream.Core.Documents;
using DocStream.Core.Parsing;

namespace DocStream.Storage;

/// <summary>
/// The columns every document query selects and how a row becomes a <see cref="StoredDocument"/>: from the wire-form
/// columns, or from the JSON of rows written before them.
/// </summary>
public abstract partial class RelationalDocumentStore
{
    /// <summary>The stored fields, then the parsed metadata: <c>meta_pb</c>, or <c>meta_json</c> in rows written before it.</summary>
    private const string MetadataColumns =
        "d.seq, d.id, d.content_sha256, d.source_uri, d.size_bytes, d.meta_pb, d.parser_version, d.create_micros, d.etag, d.meta_json";

    /// <summary>Columns in <see cref="MetadataColumns"/>: the ordinal of whatever a query selects after them.</summary>
    private const int MetadataColumnCount = 10;

    /// <summary>The raw bytes, then the content: <c>content_pb</c>, or <c>content_json</c> in rows written before schema 4.</summary>
    private const string ContentColumns = ", d.raw_content, d.content_pb, d.content_json";

    private enum ContentRead
    {
        None,
        Decoded,
        Encoded,
    }

    private static StoredDocument ReadDocument(DbDataReader reader, ContentRead content)
    {
        var parsed = ParsedArticle.Empty;
        byte[]? encodedMetadata = null;
        if (reader.IsDBNull(5))
        {
            // The JSON column is read as its UTF-8 bytes: reading it as a string transcoded it to UTF-16 only for the
            // deserializer to transcode it back to UTF-8.
            parsed = JsonSerializer.Deserialize(reader.GetFieldValue<byte[]>(9), StorageJsonContext.Default.ParsedArticle)
                ?? throw new InvalidDataException("Stored metadata is null.");
        }
        else if (content == ContentRead.Encoded)
        {
            encodedMetadata = reader.GetFieldValue<byte[]>(5);
        }
        else
        {
            parsed = MetadataWireFormat.Decode(reader.GetFieldValue<byte[]>(5));
        }

        byte[]? raw = null;
        byte[]? encodedContent = null;
        if (content != ContentRead.None)
        {
            raw = (byte[])reader.GetValue(MetadataColumnCount);
            if (content == ContentRead.Encoded)
            {
                encodedContent = ReadEncodedContent(reader, MetadataColumnCount + 1);
            }
            else
            {
                parsed = WithContent(parsed, reader, MetadataColumnCount + 1);
            }
        }

        return new StoredDocument(
            Sequence: reader.GetInt64(0),
            Id: reader.GetString(1),
            ContentSha256: reader.GetString(2),
            SourceUri: reader.GetString(3),
            RawContent: raw,
            SizeBytes: reader.GetInt64(4),
            Parsed: parsed,
            ParserVersion: reader.GetInt32(6),
            CreateTime: FromMicros(reader.GetInt64(7)),
            Etag: reader.GetString(8),
            EncodedContent: encodedContent,
            EncodedMetadata: encodedMetadata);
    }

    /// <summary>Adds the body and teasers read from <c>content_pb</c> at <paramref name="ordinal"/>, or from <c>content_json</c> after it.</summary>
    private static ParsedArticle WithContent(ParsedArticle metadata, DbDataReader reader, int ordinal)
    {
        var (body, readAlso) = reader.IsDBNull(ordinal)
            ? DecodeJsonContent(reader.GetFieldValue<byte[]>(ordinal + 1))
            : ContentWireFormat.Decode(reader.GetFieldValue<byte[]>(ordinal));
        return metadata with { Body = body, ReadAlso = readAlso };
    }

    private static byte[] ReadEncodedContent(DbDataReader reader, int ordinal)
    {
        if (!reader.IsDBNull(ordinal))
        {
            return reader.GetFieldValue<byte[]>(ordinal);
        }

        var (body, readAlso) = DecodeJsonContent(reader.GetFieldValue<byte[]>(ordinal + 1));
        return ContentWireFormat.Encode(body, readAlso);
    }

    /// <summary>Rows written before schema 4 hold their content as JSON; they read the same.</summary>
    private static (IReadOnlyList<string> Body, IReadOnlyList<ReadAlsoTeaser> ReadAlso) DecodeJsonContent(byte[] contentJson)
    {
        var content = JsonSerializer.Deserialize(contentJson, StorageJsonContext.Default.StoredContent)
            ?? throw new InvalidDataException("Stored content is null.");
        return (content.Body, content.ReadAlso);
    }
}
