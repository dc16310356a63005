using System.Buffers;
using System.Text;
using DocStream.Core.Documents;
using DocStream.Core.Documents.Wire;
using DocStream.Core.Parsing;
using DocStream.Core.Tests.Parsing;
using Google.Protobuf;

namespace DocStream.Core.Tests.Documents.Wire;

public class DocumentWireFormatTests
{
    private static readonly DocumentParts[] EveryParts = [DocumentParts.Basic, DocumentParts.RawContent, DocumentParts.Body, DocumentParts.Full];

    [Fact]
    public void WriteTo_ManyGeneratedArticles_WritesExactlyTheBytesOfTheMappedMessage()
    {
        var generator = new ArticleGenerator(seed: 20261201);
        for (var i = 0; i < 500; i++)
        {
            var parsed = generator.Next();
            var raw = Encoding.UTF8.GetBytes(generator.Text(1, 2000) + i);
            var stored = Stored(raw, parsed, generator.Text(0, 40), generator.Moment(), i % 7 == 0 ? "" : Convert.ToHexStringLower(BitConverter.GetBytes(i)),
                storyId: i % 3 == 0 ? null : new string((char)('a' + (i % 6)), DocumentName.IdLength),
                nearDuplicateOf: i % 4 == 1 ? new string((char)('0' + (i % 10)), DocumentName.IdLength) : null);

            foreach (var parts in EveryParts)
            {
                AssertSameBytes(stored, parsed, parts);
            }
        }
    }

    [Fact]
    public void WriteTo_Seeds_WritesExactlyTheBytesOfTheMappedMessage()
    {
        foreach (var name in Seeds.All)
        {
            var raw = Encoding.UTF8.GetBytes(Seeds.Read(name));
            var parsed = ArticleParser.Parse(Encoding.UTF8.GetString(raw));
            var stored = Stored(raw, parsed, name, new DateTimeOffset(2026, 12, 1, 19, 15, 43, 123, 456, TimeSpan.Zero), "0123456789abcdef");

            foreach (var parts in EveryParts)
            {
                AssertSameBytes(stored, parsed, parts);
            }
        }
    }

    [Fact]
    public void WriteTo_APartTheDocumentDoesNotHold_Throws()
    {
        var parsed = Seeds.Parse(Seeds.RussiaCeasefire);
        var basic = Stored(Encoding.UTF8.GetBytes("x"), parsed, "", DateTimeOffset.UnixEpoch, "e").Restricted(DocumentParts.Basic);

        Assert.Throws<ArgumentException>(() => DocumentWireFormat.SerializedSize(basic, DocumentParts.Full));
        Assert.Throws<ArgumentException>(() => DocumentWireFormat.WriteTo(basic, DocumentParts.RawContent, new ArrayBufferWriter<byte>()));
    }

    [Fact]
    public void WriteTo_CorruptMetadata_ThrowsInvalidData()
    {
        var stored = new StoredDocument(1, new string('a', 32), "", "", 1, 1, DateTimeOffset.UnixEpoch, "", DocumentParts.Basic, null, new byte[] { 0x2A, 9, 1 }, default);

        Assert.Throws<InvalidDataException>(() => DocumentWireFormat.WriteTo(stored, DocumentParts.Basic, new ArrayBufferWriter<byte>()));
    }

    [Fact]
    public void OffsetOfFieldsAfter_SplitsTheMetadataWhereTheDocumentInterleavesItsOwnFields()
    {
        var metadata = MetadataWireFormat.Encode(ParsedArticle.Empty with { Title = "t", RelatedHeadlines = ["r"], WordCount = 3 });

        // title = 5 "t" (3 bytes), related_headlines = 12 "r" (3 bytes), word_count = 17 (3 bytes).
        Assert.Equal(3, MetadataWireFormat.OffsetOfFieldsAfter(metadata, 11));
        Assert.Equal(6, MetadataWireFormat.OffsetOfFieldsAfter(metadata, 15));
        Assert.Equal(metadata.Length, MetadataWireFormat.OffsetOfFieldsAfter(metadata, 18));
        Assert.Equal(0, MetadataWireFormat.OffsetOfFieldsAfter([], 11));
    }

    [Fact]
    public void StoredDocument_PartsAndContentDisagreeing_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new StoredDocument(1, "id", "", "", 1, 1, DateTimeOffset.UnixEpoch, "", DocumentParts.RawContent, null, default, default));
        Assert.Throws<ArgumentException>(() => new StoredDocument(1, "id", "", "", 1, 1, DateTimeOffset.UnixEpoch, "", DocumentParts.Basic, [1], default, default));
        Assert.Throws<ArgumentException>(() => new StoredDocument(1, "id", "", "", 1, 1, DateTimeOffset.UnixEpoch, "", DocumentParts.Basic, null, default, new byte[] { 0x52, 0 }));
    }

    private static void AssertSameBytes(StoredDocument stored, ParsedArticle parsed, DocumentParts parts)
    {
        var expected = ContractOracle.ToContract(stored, parsed, parts).ToByteArray();
        var restricted = stored.Restricted(parts);
        var buffer = new ArrayBufferWriter<byte>();

        DocumentWireFormat.WriteTo(restricted, parts, buffer);
        var intoArray = new byte[expected.Length];
        var written = DocumentWireFormat.WriteTo(restricted, parts, intoArray);

        Assert.Equal(expected.Length, restricted.SerializedSize);
        Assert.Equal(expected, buffer.WrittenSpan.ToArray());
        Assert.Equal(expected.Length, written);
        Assert.Equal(expected, intoArray);
    }

    private static StoredDocument Stored(
        byte[] raw, ParsedArticle parsed, string sourceUri, DateTimeOffset created, string etag, string? storyId = null, string? nearDuplicateOf = null)
    {
        var document = NewDocument.Create(raw, sourceUri, parsed);
        return new StoredDocument(7, document.Id, document.ContentSha256, sourceUri, raw.Length, ArticleParser.Version, created, etag, DocumentParts.Full,
            raw, MetadataWireFormat.Encode(parsed), ContentWireFormat.Encode(parsed.Body, parsed.ReadAlso), storyId, nearDuplicateOf);
    }
}

/// <summary>A stored document as a read of fewer parts would have returned it.</summary>
internal static class StoredDocumentParts
{
    public static StoredDocument Restricted(this StoredDocument document, DocumentParts parts) => new(
        document.Sequence, document.Id, document.ContentSha256, document.SourceUri, document.SizeBytes, document.ParserVersion, document.CreateTime,
        document.Etag, parts, parts.HasFlag(DocumentParts.RawContent) ? document.RawContent : null, document.Metadata,
        parts.HasFlag(DocumentParts.Body) ? document.Body : default, document.StoryId, document.NearDuplicateOf);
}
