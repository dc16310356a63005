using DocStream.Testing;
using System.Text;
using DocStream.Contracts.V1;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;

namespace DocStream.Server.Tests.EndToEnd;

[Collection(ServerCollection.Name)]
public class CreateDocumentTests(SampleCorpusServerFixture fixture)
{
    private DocumentService.DocumentServiceClient Client => fixture.Server.Client;

    [Fact]
    public async Task CreateDocument_NewContent_IsStoredUnderItsContentHash()
    {
        var content = CorpusHelpers.UniqueArticle();

        var created = await Client.CreateAsync(content, "news/one.txt");

        Assert.Equal(CorpusHelpers.NameOf(content), created.Name);
        Assert.Equal("news/one.txt", created.SourceUri);
        Assert.Equal(["وكالة الاختبار"], created.Sources);
        var fetched = await Client.GetDocumentAsync(new GetDocumentRequest { Name = created.Name });
        Assert.Equal(content, fetched.RawContent.ToByteArray());
    }

    [Fact]
    public async Task CreateDocument_SameBytesTwice_ReturnsTheSameDocumentNotACopy()
    {
        var content = CorpusHelpers.UniqueArticle();

        var first = await Client.CreateAsync(content);
        var second = await Client.CreateAsync(content, "another-name.txt");

        Assert.Equal(first.Name, second.Name);
        Assert.Equal(first.Etag, second.Etag);
        Assert.Equal(first.CreateTime, second.CreateTime);
        Assert.Single(await Client.ListAllNamesAsync(), name => name == first.Name);
    }

    [Fact]
    public async Task CreateDocument_BomCrlfAndNbsp_KeepsRawBytesExactly()
    {
        var content = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes($"عنوان\u00A0الخبر {Guid.NewGuid()}\r\n\r\nنص  \r\n")).ToArray();

        var created = await Client.CreateAsync(content);

        var fetched = await Client.GetDocumentAsync(new GetDocumentRequest { Name = created.Name });
        Assert.Equal(content, fetched.RawContent.ToByteArray());
    }

    public static TheoryData<byte[], string> BadContent => new()
    {
        { [], "DOCUMENT_EMPTY" },
        { Encoding.UTF8.GetBytes(" \r\n\t "), "DOCUMENT_EMPTY" },
        { [0x41, 0xC3, 0x28, 0x42], "DOCUMENT_NOT_UTF8" },
        { [0xFF, 0xFE, 0x41, 0x00], "DOCUMENT_NOT_UTF8" },
    };

    [Theory]
    [MemberData(nameof(BadContent))]
    public async Task CreateDocument_BadContent_IsInvalidArgumentAndStoresNothing(byte[] content, string reason)
    {
        var before = await Client.ListAllNamesAsync(pageSize: 1000);

        var error = await Assert.ThrowsAsync<RpcException>(() => Client.CreateAsync(content));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var status = error.GetRpcStatus()!;
        Assert.Equal(reason, status.GetDetail<ErrorInfo>().Reason);
        Assert.Equal("content", Assert.Single(status.GetDetail<BadRequest>().FieldViolations).Field);
        Assert.Equal(before, await Client.ListAllNamesAsync(pageSize: 1000));
    }

    [Fact]
    public async Task ImportDocuments_MixedItems_ReportsEachInOrderAndStoresTheGoodOnes()
    {
        var fresh = CorpusHelpers.UniqueArticle();
        var sample = await File.ReadAllBytesAsync(CorpusHelpers.SampleFiles()[0]);
        using var call = Client.ImportDocuments();
        foreach (var (content, uri) in new[] { (fresh, "fresh.txt"), (sample, "sample.txt"), ([0xC3, 0x28], "broken.txt"), (fresh, "fresh-again.txt") })
        {
            await call.RequestStream.WriteAsync(new ImportDocumentsRequest { Content = ByteString.CopyFrom(content), SourceUri = uri });
        }

        await call.RequestStream.CompleteAsync();
        var summary = await call;

        Assert.Equal(
            [ImportResult.Types.Outcome.Created, ImportResult.Types.Outcome.Unchanged, ImportResult.Types.Outcome.Failed, ImportResult.Types.Outcome.Unchanged],
            summary.Results.Select(r => r.Outcome));
        Assert.Equal([0, 1, 2, 3], summary.Results.Select(r => r.Index));
        Assert.Equal((1, 2, 1), (summary.CreatedCount, summary.UnchangedCount, summary.FailedCount));
        Assert.Contains("DOCUMENT_NOT_UTF8", summary.Results[2].Error, StringComparison.Ordinal);
        Assert.Equal(CorpusHelpers.NameOf(fresh), summary.Results[0].Name);
        Assert.Equal(summary.Results[0].Name, summary.Results[3].Name);
        var stored = await Client.GetDocumentAsync(new GetDocumentRequest { Name = summary.Results[0].Name });
        Assert.Equal(fresh, stored.RawContent.ToByteArray());
    }
}
