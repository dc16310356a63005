using System.Text;
using DocStream.Core.Documents;
using DocStream.Core.Ingest;
using DocStream.Core.Parsing;
using DocStream.Testing.Storage;

namespace DocStream.Core.Tests.Ingest;

public class DocumentReparserTests
{
    [Fact]
    public async Task ReparseStaleAsync_StaleAndCurrentDocuments_ReparsesOnlyTheStaleOnesInBatches()
    {
        var store = new InMemoryDocumentStore();
        var documents = Enumerable.Range(0, DocumentReparser.BatchSize + 5)
            .Select(i => NewDocument.Create(Encoding.UTF8.GetBytes($"عنوان {i}\n\nنص"), $"{i}.txt", ParsedArticle.Empty with { Title = "قديم" }))
            .ToArray();
        await store.Writer.AddAsync(documents, default);
        foreach (var document in documents.SkipLast(1))
        {
            store.Database.SetParserVersion(document.Id, ArticleParser.Version - 1);
        }

        var writer = new RecordingWriter(store.Writer);

        var updated = await new DocumentReparser(store.Reader, writer).ReparseStaleAsync(default);

        Assert.Equal(documents.Length - 1, updated);
        Assert.Equal([DocumentReparser.BatchSize, 4], writer.ReplaceBatches);
        Assert.Equal("عنوان 0", (await store.Reader.FindAsync(documents[0].Id, DocumentParts.Basic, default))!.ReadArticle().Title);
        Assert.Equal("قديم", (await store.Reader.FindAsync(documents[^1].Id, DocumentParts.Basic, default))!.ReadArticle().Title);
        Assert.Equal(0, await new DocumentReparser(store.Reader, writer).ReparseStaleAsync(default));
    }
}
