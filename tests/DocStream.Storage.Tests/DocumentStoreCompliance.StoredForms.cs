using DocStream.Core.Documents;
using DocStream.Core.Documents.Wire;
using DocStream.Core.Parsing;
using DocStream.Core.Storage;

namespace DocStream.Storage.Tests;

/// <summary>The form a store hands its documents out in: the parsed fields as the contract's wire form, undecoded.</summary>
public abstract partial class DocumentStoreCompliance
{
    [Fact]
    public async Task Reads_GiveMetadataAndBodyInTheirWireForm()
    {
        var store = await CreateStoreAsync();
        var plain = Article("a", October13, ["وكالة"]);
        var article = plain with { Parsed = plain.Parsed with { ReadAlso = [new ReadAlsoTeaser("تشويقة", ["فقرة"])] } };
        await store.Writer.AddAsync([article], default);

        var found = (await store.Reader.FindAsync(article.Id, DocumentParts.Full, default))!;
        var read = (await store.Reader.ReadAsync(new DocumentQuery { Parts = DocumentParts.Full, Limit = 10 }, default)).Documents.Single();

        foreach (var document in new[] { found, read })
        {
            Assert.Equal(article.RawContent, document.RawContent);
            Assert.Equal(MetadataWireFormat.Encode(article.Parsed), document.Metadata.ToArray());
            Assert.Equal(ContentWireFormat.Encode(article.Parsed.Body, article.Parsed.ReadAlso), document.Body.ToArray());
        }
    }

    [Fact]
    public async Task ReadArticle_GivesTheParsedFieldsAsStored()
    {
        var store = await CreateStoreAsync();
        var article = Article("a", October13, ["وكالة", "RT"]);
        await store.Writer.AddAsync([article], default);

        var basic = (await store.Reader.FindAsync(article.Id, DocumentParts.Basic, default))!.ReadArticle();
        var full = (await store.Reader.ReadAsync(new DocumentQuery { Parts = DocumentParts.Full, Limit = 10 }, default)).Documents.Single().ReadArticle();

        foreach (var parsed in new[] { basic, full })
        {
            Assert.Equal(article.Parsed.Title, parsed.Title);
            Assert.Equal(October13, parsed.PublishedTime);
            Assert.Equal(["وكالة", "RT"], parsed.Sources);
            Assert.Equal(article.Parsed.WordCount, parsed.WordCount);
            Assert.Equal(article.Parsed.LanguageCode, parsed.LanguageCode);
        }

        Assert.Empty(basic.Body);
        Assert.Equal(article.Parsed.Body, full.Body);
    }
}
