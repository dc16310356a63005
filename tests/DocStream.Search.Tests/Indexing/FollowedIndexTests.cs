using System.Text;
using DocStream.Core.Documents;
using DocStream.Core.Parsing;
using DocStream.Core.Querying;
using DocStream.Core.Storage;
using DocStream.Search.Indexing;
using DocStream.Testing.Storage;

namespace DocStream.Search.Tests.Indexing;

/// <summary>An index in a directory of its own, following an in-memory store whose page reads are counted.</summary>
public abstract class FollowedIndexTests : IDisposable
{
    protected FollowedIndexTests() => Reader = new CountingReader(Store.Reader);

    /// <summary>The index's directory, deleted after the test.</summary>
    protected string IndexPath { get; } = Directory.CreateTempSubdirectory("docstream-search-test-").FullName;

    protected InMemoryDocumentStore Store { get; } = new();

    /// <summary>The store's reads, as the follower sees them.</summary>
    protected CountingReader Reader { get; }

    public void Dispose()
    {
        Directory.Delete(IndexPath, recursive: true);
        GC.SuppressFinalize(this);
    }

    protected static NewDocument Article(string title, params string[] body) =>
        NewDocument.Create(Encoding.UTF8.GetBytes(title + "\n" + string.Join('\n', body)), "test.txt",
            ArticleParser.Parse(title + "\n\n" + string.Join("\n\n", body)));

    protected static IReadOnlyList<SearchHit> Search(SearchIndex index, string query) =>
        new DocumentSearcher(index).Search(query, DocumentFilter.All).Hits;

    protected SearchIndexFollower Follower(SearchIndex index) => new(Store.Changes, Reader, index);

    protected async Task<SearchIndexFollower> InitializedFollowerAsync(SearchIndex index)
    {
        var follower = Follower(index);
        await follower.InitializeAsync(default);
        return follower;
    }

    protected FollowedDocumentWriter Writer(SearchIndexFollower follower) => new(Store.Writer, [follower]);
}
