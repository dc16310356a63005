using System.Text.Json;
using DocStream.Cli.Tests.Support;
using DocStream.Contracts.V1;
using Google.Protobuf;
using Grpc.Core;

namespace DocStream.Cli.Tests;

/// <summary>A document larger than the scratch server's 32 KiB message limit, which the server sends only in chunks.</summary>
[Collection(ScratchServerCollection.Name)]
public sealed class LargeDocumentTests(ScratchServerFixture fixture)
{
    [Fact]
    public async Task Get_DocumentTooLargeForOneMessage_FallsBackToBatchGetAndWritesEveryByte()
    {
        var (name, bytes) = await CreateLargeDocumentAsync();
        var unary = await Assert.ThrowsAsync<RpcException>(() =>
            fixture.Server.Client.GetDocumentAsync(new GetDocumentRequest { Name = name }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, unary.StatusCode);

        var raw = await DocstreamCli.RunAsync("get", name, "--raw", "--address", fixture.Address);
        var json = await DocstreamCli.RunAsync("get", name, "--address", fixture.Address);

        Assert.True(raw.ExitCode == 0, raw.ToString());
        Assert.Equal(bytes, raw.OutputBytes);
        Assert.True(json.ExitCode == 0, json.ToString());
        using var document = JsonDocument.Parse(json.OutputBytes);
        Assert.Equal(name, document.RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Stream_DocumentTooLargeForOneMessage_WritesItReassembledOnOneLine()
    {
        var (name, bytes) = await CreateLargeDocumentAsync();

        var result = await DocstreamCli.RunAsync("stream", "--address", fixture.Address);

        Assert.True(result.ExitCode == 0, result.ToString());
        var line = Assert.Single(result.OutputLines, line => line.Contains(name, StringComparison.Ordinal));
        using var json = JsonDocument.Parse(line);
        var document = json.RootElement.GetProperty("document");
        Assert.Equal(name, document.GetProperty("name").GetString());
        Assert.Equal(System.Text.Encoding.UTF8.GetString(bytes), document.GetProperty("raw_content").GetString());
    }

    private async Task<(string Name, byte[] Bytes)> CreateLargeDocumentAsync()
    {
        var bytes = Samples.UniqueArticle("مقال طويل", minimumBytes: 4 * ScratchServerFixture.MaxMessageBytes);
        var document = await fixture.Server.Client.CreateDocumentAsync(new CreateDocumentRequest { Content = ByteString.CopyFrom(bytes), SourceUri = "large.txt" });
        return (document.Name, bytes);
    }
}
