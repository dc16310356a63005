using System.Data.Common;
using System.Text.Json;
using DocStream.Core.Documents;
using DocStream.Core.Documents.Wire;

namespace DocStream.Storage;

/// <summary>
/// The columns a document query selects for the parts it reads, and how such a row becomes a
/// <see cref="StoredDocument"/>. The parsed fields come as stored in <c>meta_pb</c> and <c>content_pb</c>; rows written
/// before those columns hold JSON (<c>meta_json</c>, <c>content_json</c>) and are put into the same wire form here.
/// </summary>
internal static class DocumentRows
{
    /// <summary>The stored fields, then the parsed metadata: <c>meta_pb</c>, or <c>meta_json</c> in rows written before it.</summary>
    private const string MetadataColumns =
        "d.seq, d.id, d.content_sha256, d.source_uri, d.size_bytes, d.meta_pb, d.parser_version, d.create_micros, d.etag, d.meta_json, d.story_id, d.near_duplicate_of";

    private const int MetadataColumnCount = 12;

    private static readonly string[] ColumnLists =
    [
        MetadataColumns,
        MetadataColumns + ", d.raw_content",
        MetadataColumns + ", d.content_pb, d.content_json",
        MetadataColumns + ", d.raw_content, d.content_pb, d.content_json",
    ];

    /// <summary>The select list for a read of <paramref name="parts"/>, columns of the table aliased <c>d</c>.</summary>
    public static string Columns(DocumentParts parts) => ColumnLists[(int)parts];

    /// <summary>How many columns <see cref="Columns"/> selects: the ordinal of whatever a query selects after them.</summary>
    public static int ColumnCount(DocumentParts parts) =>
        MetadataColumnCount + (parts.HasFlag(DocumentParts.RawContent) ? 1 : 0) + (parts.HasFlag(DocumentParts.Body) ? 2 : 0);

    /// <summary>Reads the row <paramref name="reader"/> is on, selected with <see cref="Columns"/> for <paramref name="parts"/>.</summary>
    public static StoredDocument Read(DbDataReader reader, DocumentParts parts)
    {
        var ordinal = MetadataColumnCount;
        var raw = parts.HasFlag(DocumentParts.RawContent) ? reader.GetFieldValue<byte[]>(ordinal++) : null;
        var body = parts.HasFlag(DocumentParts.Body) ? ReadBody(reader, ordinal) : default;
        return new StoredDocument(
            sequence: reader.GetInt64(0),
            id: reader.GetString(1),
            contentSha256: reader.GetString(2),
            sourceUri: reader.GetString(3),
            sizeBytes: reader.GetInt64(4),
            parserVersion: reader.GetInt32(6),
            createTime: Micros.ToTime(reader.GetInt64(7)),
            etag: reader.GetString(8),
            parts: parts,
            rawContent: raw,
            metadata: ReadMetadata(reader),
            body: body,
            storyId: reader.IsDBNull(10) ? null : reader.GetString(10),
            nearDuplicateOf: reader.IsDBNull(11) ? null : reader.GetString(11));
    }

    private static byte[] ReadMetadata(DbDataReader reader)
    {
        if (!reader.IsDBNull(5))
        {
            return reader.GetFieldValue<byte[]>(5);
        }

        // The JSON column is read as its UTF-8 bytes: reading it as a string would transcode it to UTF-16 only for the
        // deserializer to transcode it back.
        var parsed = JsonSerializer.Deserialize(reader.GetFieldValue<byte[]>(9), StorageJsonContext.Default.ParsedArticle)
            ?? throw new InvalidDataException("Stored metadata is null.");
        return MetadataWireFormat.Encode(parsed);
    }

    /// <summary>The body and teasers from <c>content_pb</c> at <paramref name="ordinal"/>, or from <c>content_json</c> after it.</summary>
    private static byte[] ReadBody(DbDataReader reader, int ordinal)
    {
        if (!reader.IsDBNull(ordinal))
        {
            return reader.GetFieldValue<byte[]>(ordinal);
        }

        var content = JsonSerializer.Deserialize(reader.GetFieldValue<byte[]>(ordinal + 1), StorageJsonContext.Default.StoredContent)
            ?? throw new InvalidDataException("Stored content is null.");
        return ContentWireFormat.Encode(content.Body, content.ReadAlso);
    }
}
