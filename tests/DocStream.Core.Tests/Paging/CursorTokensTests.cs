using DocStream.Core.Documents;
using DocStream.Core.Paging;
using DocStream.Core.Querying;
using DocStream.Testing.Storage;

namespace DocStream.Core.Tests.Paging;

public class CursorTokensTests
{
    private static readonly CursorScope List = CursorScope.ForList(DocumentFilter.All, DocumentParts.Basic);

    [Fact]
    public async Task OpenAsync_NoToken_StartsAtTheBeginning()
    {
        using var cursor = await new CursorTokens(new InMemoryDocumentStore().Keys).OpenAsync(List, "", default);

        Assert.Equal(0, cursor.After);
    }

    [Fact]
    public async Task OpenAsync_TokenFromAnotherInstanceOnTheSameStore_ContinuesWhereItStopped()
    {
        var store = new InMemoryDocumentStore();
        var other = new InMemoryDocumentStore(store.Database);
        string token;
        using (var cursor = await new CursorTokens(store.Keys).OpenAsync(List, null, default))
        {
            token = cursor.TokenAfter(42);
        }

        using var resumed = await new CursorTokens(other.Keys).OpenAsync(List, token, default);

        Assert.Equal(42, resumed.After);
    }

    [Fact]
    public async Task OpenAsync_TokenFromAnotherStore_IsRefusedAsThatKindOfToken()
    {
        using var foreign = await new CursorTokens(new InMemoryDocumentStore().Keys).OpenAsync(List, null, default);
        var token = foreign.TokenAfter(3);

        var error = await Assert.ThrowsAsync<InvalidCursorTokenException>(async () =>
            await new CursorTokens(new InMemoryDocumentStore().Keys).OpenAsync(List, token, default));

        Assert.Equal(CursorKind.PageToken, error.Kind);
    }
}
