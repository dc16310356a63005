using DocStream.Cli.Tests.Support;
using DocStream.Contracts.V1;
using Google.Protobuf;
using Grpc.Core;

namespace DocStream.Cli.Tests;

[Collection(ScratchServerCollection.Name)]
public sealed class DeleteCommandTests(ScratchServerFixture fixture)
{
    private DocumentService.DocumentServiceClient Client => fixture.Server.Client;

    [Fact]
    public async Task Delete_WrongEtag_ReportsAbortedAndKeepsTheDocument()
    {
        var document = await CreateAsync();

        var result = await DocstreamCli.RunAsync("delete", document.Name, "--etag", "\"stale\"", "--address", fixture.Address);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.StartsWith($"docstream: ABORTED: {document.Name} has changed since the etag was read", result.Error, StringComparison.Ordinal);
        Assert.Contains("  reason: ETAG_MISMATCH", result.Error, StringComparison.Ordinal);
        Assert.Equal(document.Name, (await Client.GetDocumentAsync(new GetDocumentRequest { Name = document.Name, View = DocumentView.Basic })).Name);
    }

    [Fact]
    public async Task Delete_CurrentEtag_DeletesTheDocument()
    {
        var document = await CreateAsync();
        var etag = (await Client.GetDocumentAsync(new GetDocumentRequest { Name = document.Name, View = DocumentView.Basic })).Etag;

        var result = await DocstreamCli.RunAsync("delete", document.Name, "--etag", etag, "--address", fixture.Address);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"Deleted {document.Name}", result.Output.Trim());
        var gone = await Assert.ThrowsAsync<RpcException>(() => Client.GetDocumentAsync(new GetDocumentRequest { Name = document.Name }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Delete_MissingDocument_FailsWithNotFoundUnlessAllowMissing()
    {
        var name = Sample.NameOf(Samples.UniqueArticle("مقال لم يستورد"));

        var strict = await DocstreamCli.RunAsync("delete", name, "--address", fixture.Address);
        var lenient = await DocstreamCli.RunAsync("delete", name, "--allow-missing", "--address", fixture.Address);

        Assert.Equal(ExitCodes.Failure, strict.ExitCode);
        Assert.StartsWith($"docstream: NOT_FOUND: {name} does not exist", strict.Error, StringComparison.Ordinal);
        Assert.True(lenient.ExitCode == 0, lenient.ToString());
        Assert.Empty(lenient.Error);
    }

    private async Task<Document> CreateAsync() =>
        await Client.CreateDocumentAsync(new CreateDocumentRequest { Content = ByteString.CopyFrom(Samples.UniqueArticle("مقال للحذف")), SourceUri = "delete-me.txt" });
}
