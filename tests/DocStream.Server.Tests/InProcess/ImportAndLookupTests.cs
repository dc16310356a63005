using DocStream.Client;
using DocStream.Contracts.V1;
using DocStream.Core.Ingest;
using DocStream.Search;
using DocStream.Search.Indexing;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace DocStream.Server.Tests.InProcess;

/// <summary>ImportDocuments across store batches, and the documents it stored read back by name.</summary>
public sealed class ImportAndLookupTests : InProcessTests
{
    [Fact]
    public async Task ImportDocuments_WhenItReturns_TheIndexItselfFindsEveryDocumentItCreated()
    {
        var word = $"importcheck{Guid.NewGuid():N}";
        using var call = Client.ImportDocuments();
        for (var i = 0; i < DocumentIngestor.BatchSize * 2 + 10; i++)
        {
            await call.RequestStream.WriteAsync(new ImportDocumentsRequest { Content = ByteString.CopyFrom(InProcessArticles.Article($"{word} {i}")), SourceUri = $"{i}.txt" });
        }

        await call.RequestStream.CompleteAsync();
        var response = await call.ResponseAsync;

        // Searched without SearchDocuments, whose own catch-up would hide an import that returned before its documents were searchable.
        var index = Factory.Services.GetRequiredService<SearchIndex>();
        Assert.Equal(response.CreatedCount, new DocumentSearcher(index).Search(word, Core.Querying.DocumentFilter.All, limit: 1).TotalHits);
    }

    [Fact]
    public async Task ImportDocuments_MoreItemsThanTwoStoreBatches_AnswersEachInOrderAndStoresEveryGoodOne()
    {
        using var call = Client.ImportDocuments();
        for (var i = 0; i < 600; i++)
        {
            var content = i switch
            {
                7 => [],
                300 => [0xC3],
                _ => InProcessArticles.Article($"{(i == 555 ? 5 : i)}", bytes: 200),
            };
            await call.RequestStream.WriteAsync(new ImportDocumentsRequest { Content = ByteString.CopyFrom(content), SourceUri = $"{i}.txt" });
        }

        await call.RequestStream.CompleteAsync();
        var response = await call.ResponseAsync;

        Assert.Equal(Enumerable.Range(0, 600), response.Results.Select(r => r.Index));
        Assert.Equal(Enumerable.Range(0, 600).Select(i => $"{i}.txt"), response.Results.Select(r => r.SourceUri));
        Assert.Equal((597, 1, 2), (response.CreatedCount, response.UnchangedCount, response.FailedCount));
        Assert.StartsWith("DOCUMENT_EMPTY: ", response.Results[7].Error, StringComparison.Ordinal);
        Assert.StartsWith("DOCUMENT_NOT_UTF8: ", response.Results[300].Error, StringComparison.Ordinal);
        Assert.Equal(ImportResult.Types.Outcome.Unchanged, response.Results[555].Outcome);
        Assert.Equal(response.Results[5].Name, response.Results[555].Name);
        var listed = new List<string>();
        var token = "";
        do
        {
            var page = await Client.ListDocumentsAsync(new ListDocumentsRequest { PageSize = 1000, PageToken = token });
            listed.AddRange(page.Documents.Select(d => d.Name));
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal(response.Results.Where(r => r.Outcome == ImportResult.Types.Outcome.Created).Select(r => r.Name), listed);
    }

    [Fact]
    public async Task BatchGetDocuments_FoundLargeMissingAndRepeated_AnswersEachInRequestOrderWithinTheMessageLimit()
    {
        var small = await Client.CreateAsync(InProcessArticles.Article("small"));
        var largeContent = InProcessArticles.Article("large", bytes: 40 * 1024);
        var large = await Client.CreateAsync(largeContent);
        var missing = "documents/" + new string('0', 32);

        using var call = Client.BatchGetDocuments(new BatchGetDocumentsRequest { Names = { small.Name, large.Name, missing, small.Name } });
        var messages = await call.ResponseStream.ReadAllAsync().ToListAsync();
        using var again = Client.BatchGetDocuments(new BatchGetDocumentsRequest { Names = { small.Name, large.Name, missing, small.Name } });
        var results = await again.ResponseStream.ReadResultsAsync().ToListAsync();

        Assert.All(messages, m => Assert.True(m.CalculateSize() <= DocStreamApplicationFactory.MaxMessageBytes));
        Assert.Contains(messages, m => m.ResultCase == BatchGetDocumentsResponse.ResultOneofCase.Chunk);
        Assert.Equal([small.Name, large.Name, missing, small.Name], results.Select(r => r.Name));
        Assert.Equal([true, true, false, true], results.Select(r => r.Document is not null));
        Assert.Equal(largeContent, results[1].Document!.RawContent.ToByteArray());
    }

    [Fact]
    public async Task GetDocument_LargerThanAMessageInFull_IsFailedPreconditionButBasicIsTheCreatedDocument()
    {
        var created = await Client.CreateAsync(InProcessArticles.Article("large", bytes: 40 * 1024));

        var error = await Assert.ThrowsAsync<RpcException>(() => Client.GetDocumentAsync(new GetDocumentRequest { Name = created.Name }).ResponseAsync);
        var basic = await Client.GetDocumentAsync(new GetDocumentRequest { Name = created.Name, View = DocumentView.Basic });

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("DOCUMENT_TOO_LARGE_FOR_MESSAGE", error.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
        Assert.Equal(created, basic);
    }

    [Fact]
    public async Task GetDocument_Unknown_IsNotFoundNamingIt()
    {
        var name = "documents/" + new string('a', 32);

        var error = await Assert.ThrowsAsync<RpcException>(() => Client.GetDocumentAsync(new GetDocumentRequest { Name = name }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal(name, error.GetRpcStatus()!.GetDetail<ErrorInfo>().Metadata["name"]);
    }
}
