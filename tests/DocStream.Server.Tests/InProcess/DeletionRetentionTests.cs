using DocStream.Contracts.V1;
using DocStream.Core.Storage;
using DocStream.Testing;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace DocStream.Server.Tests.InProcess;

/// <summary>The server prunes deletions older than <c>Watch:DeletionRetention</c> by itself, and a watch token that needed them then expires.</summary>
public sealed class DeletionRetentionTests() : InProcessTests(new Dictionary<string, string>
{
    ["Watch:DeletionRetention"] = "00:00:00.200",
    ["Watch:PruneInterval"] = "00:00:00.100",
})
{
    [Fact]
    public async Task Server_ShortRetention_PrunesOldDeletionsAndAnOlderWatchTokenExpires()
    {
        var client = Client;
        var created = await client.CreateAsync(InProcessArticles.Article("retention"));
        string token;
        using (var watch = WatchSession.Open(client, new WatchDocumentsRequest { Start = WatchDocumentsRequest.Types.Start.Now }))
        {
            token = (await watch.NextAsync()).ResumeToken;
        }

        await client.DeleteDocumentAsync(new DeleteDocumentRequest { Name = created.Name });
        var changes = Factory.Services.GetRequiredService<IChangeFeed>();
        using var patience = new CancellationTokenSource(WatchSession.Patience);
        while ((await changes.ReadAsync(new ChangeQuery { Limit = 1 }, default)).PrunedThrough == 0)
        {
            await Task.Delay(100, patience.Token);
        }

        using var resumed = WatchSession.Open(client, new WatchDocumentsRequest { ResumeToken = token });
        var error = await Assert.ThrowsAsync<RpcException>(() => resumed.NextAsync());
        Assert.Equal(StatusCode.OutOfRange, error.StatusCode);
        Assert.Equal("RESUME_TOKEN_EXPIRED", error.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
    }
}
