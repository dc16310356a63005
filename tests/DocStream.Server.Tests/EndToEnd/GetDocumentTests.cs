using DocStream.Testing;
using DocStream.Contracts.V1;
using Google.Rpc;
using Grpc.Core;

namespace DocStream.Server.Tests.EndToEnd;

[Collection(ServerCollection.Name)]
public class GetDocumentTests(SampleCorpusServerFixture fixture)
{
    private DocumentService.DocumentServiceClient Client => fixture.Server.Client;

    [Fact]
    public async Task GetDocument_SampleByName_ReturnsRawBytesExactly()
    {
        var raw = await File.ReadAllBytesAsync(Path.Combine(Testing.RepositoryLayout.SampleDirectory, "002_4af9fadfdc09d4ea.txt"));
        var name = "documents/" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(raw))[..32];

        var document = await Client.GetDocumentAsync(new GetDocumentRequest { Name = name });

        Assert.Equal(raw, document.RawContent.ToByteArray());
        Assert.Equal("بوتين يعرض المساعدة لإنهاء التصعيد في المنطقة", document.Title);
        Assert.Equal(new DateTime(2023, 10, 13, 0, 0, 0, DateTimeKind.Utc), document.PublishedTime.ToDateTime());
        Assert.Equal("ar", document.LanguageCode);
        Assert.Equal(["صحيفة الاتحاد"], document.Sources);
        Assert.NotEmpty(document.Body);
        Assert.NotEmpty(document.ReadAlso);
        Assert.Equal(raw.Length, document.SizeBytes);
        Assert.NotEmpty(document.Etag);
    }

    [Fact]
    public async Task GetDocument_BasicView_LeavesOutContent()
    {
        var name = (await Client.ListDocumentsAsync(new ListDocumentsRequest { PageSize = 1 })).Documents[0].Name;

        var document = await Client.GetDocumentAsync(new GetDocumentRequest { Name = name, View = DocumentView.Basic });

        Assert.True(document.RawContent.IsEmpty);
        Assert.Empty(document.Body);
        Assert.NotEmpty(document.Title);
    }

    [Fact]
    public async Task GetDocument_UnknownName_IsNotFoundWithErrorInfo()
    {
        var name = "documents/" + new string('0', 32);

        var error = await Assert.ThrowsAsync<RpcException>(() => Client.GetDocumentAsync(new GetDocumentRequest { Name = name }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("DOCUMENT_NOT_FOUND", error.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("docs/abc")]
    [InlineData("documents/XYZ")]
    public async Task GetDocument_MalformedName_IsInvalidArgumentNamingTheField(string name)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.GetDocumentAsync(new GetDocumentRequest { Name = name }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var violation = Assert.Single(error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations);
        Assert.Equal("name", violation.Field);
    }
}
