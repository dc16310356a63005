using DocStream.Core.Documents;
using DocStream.Core.Parsing;
using DocStream.Core.Querying;

namespace DocStream.Storage.Tests;

/// <summary>
/// The forms a document's parsed fields are stored in: the contract's wire form, read undecoded by the encoded reads
/// and decoded by the others, and the JSON of rows written by earlier schemas, which every read still understands.
/// </summary>
public abstract partial class DocumentStoreCompliance
{
    [Fact]
    public async Task EncodedReads_GiveMetadataAndContentUndecoded_AsTheirWireForm()
    {
        var store = await CreateStoreAsync();
        var plain = Article("a", October13, ["وكالة"]);
        var article = plain with { Parsed = plain.Parsed with { ReadAlso = [new ReadAlsoTeaser("تشويقة", ["فقرة"])] } };
        await store.AddManyAsync([article], default);

        var found = (await store.FindEncodedAsync(article.Id, default))!;
        var read = (await store.ReadEncodedAfterAsync(DocumentFilter.All, 0, 10, long.MaxValue, default)).Single();

        foreach (var document in new[] { found, read })
        {
            Assert.Equal(article.RawContent, document.RawContent);
            Assert.Same(ParsedArticle.Empty, document.Parsed);
            Assert.Equal(MetadataWireFormat.Encode(article.Parsed), document.EncodedMetadata);
            Assert.Equal(ContentWireFormat.Encode(article.Parsed.Body, article.Parsed.ReadAlso), document.EncodedContent);
        }

        Assert.Null(await store.FindEncodedAsync(new string('0', 32), default));
    }

    [Fact]
    public async Task DecodedReads_GiveTheMetadataAsStored()
    {
        var store = await CreateStoreAsync();
        var article = Article("a", October13, ["وكالة", "RT"]);
        await store.AddManyAsync([article], default);

        var found = (await store.FindAsync(article.Id, includeContent: false, default))!;
        var read = (await store.ReadAfterAsync(DocumentFilter.All, 0, 10, long.MaxValue, includeContent: true, default)).Single();

        foreach (var document in new[] { found, read })
        {
            Assert.Null(document.EncodedMetadata);
            Assert.Equal(article.Parsed.Title, document.Parsed.Title);
            Assert.Equal(October13, document.Parsed.PublishedTime);
            Assert.Equal(["وكالة", "RT"], document.Parsed.Sources);
            Assert.Equal(article.Parsed.WordCount, document.Parsed.WordCount);
            Assert.Equal(article.Parsed.LanguageCode, document.Parsed.LanguageCode);
        }

        Assert.Equal(article.Parsed.Body, read.Parsed.Body);
    }

    [Fact]
    public async Task RowsWrittenWithJsonMetadata_ReadTheSameEveryWay()
    {
        var store = await CreateStoreAsync();
        var article = Article("a", October13, ["وكالة"]);
        await store.AddManyAsync([article], default);
        await ExecuteSqlAsync(store,
            """UPDATE documents SET meta_pb = NULL, meta_json = '{"title":"عنوان قديم","published_time":"2023-10-13T00:00:00+00:00","sources":["وكالة"],"keywords_line":"","keywords":[],"body":[],"read_also":[],"related_headlines":["خبر"],"embedded_posts":[],"language_code":"ar","character_count":20,"word_count":4,"warnings":[]}'""");

        var decoded = (await store.FindAsync(article.Id, includeContent: true, default))!;
        var encoded = (await store.FindEncodedAsync(article.Id, default))!;

        Assert.Equal("عنوان قديم", decoded.Parsed.Title);
        Assert.Equal(October13, decoded.Parsed.PublishedTime);
        Assert.Equal(["خبر"], decoded.Parsed.RelatedHeadlines);
        Assert.Equal(4, decoded.Parsed.WordCount);
        Assert.Equal(article.Parsed.Body, decoded.Parsed.Body);
        Assert.Null(encoded.EncodedMetadata);
        Assert.Equal("عنوان قديم", encoded.Parsed.Title);
        Assert.Equal(["خبر"], encoded.Parsed.RelatedHeadlines);
        Assert.Empty(encoded.Parsed.Body);
    }

    [Fact]
    public async Task RowsWrittenBeforeSchemaFour_WithJsonContent_ReadTheSameEveryWay()
    {
        var store = await CreateStoreAsync();
        var article = Article("a");
        await store.AddManyAsync([article], default);
        await ExecuteSqlAsync(store,
            """UPDATE documents SET content_pb = NULL, content_json = '{"body":["فقرة قديمة"],"read_also":[{"title":"ت","paragraphs":["ف"]}]}'""");

        var decoded = (await store.FindAsync(article.Id, includeContent: true, default))!.Parsed;
        var encoded = (await store.FindEncodedAsync(article.Id, default))!.EncodedContent!;
        var changed = (await store.ReadChangesAsync(0, 10, default)).Single().Document!.Parsed;

        Assert.Equal(["فقرة قديمة"], decoded.Body);
        Assert.Equal("ت", decoded.ReadAlso.Single().Title);
        Assert.Equal(["ف"], decoded.ReadAlso.Single().Paragraphs);
        Assert.Equal(ContentWireFormat.Encode(decoded.Body, decoded.ReadAlso), encoded);
        Assert.Equal(decoded.Body, changed.Body);
    }
}
