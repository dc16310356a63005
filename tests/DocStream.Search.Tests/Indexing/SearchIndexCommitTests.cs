using DocStream.Search.Indexing;

namespace DocStream.Search.Tests.Indexing;

/// <summary>
/// When the followed index commits (at most every <see cref="SearchIndex.CommitInterval"/>, and at disposal), and
/// what a crash before a commit leaves to the next start.
/// </summary>
public sealed class SearchIndexCommitTests : FollowedIndexTests
{
    [Fact]
    public async Task AddAsync_WithinTheCommitInterval_IsSearchableButNotYetCommitted()
    {
        using var index = SearchIndex.Open(IndexPath, TimeSpan.FromHours(1));
        var writer = Writer(await InitializedFollowerAsync(index));
        var committed = index.CommittedChange;

        await writer.AddAsync([Article("خبر عن قرغيزستان", "نص")], default);

        Assert.Single(Search(index, "قرغيزستان"));
        Assert.Equal(committed, index.CommittedChange);
        Assert.Equal(await Store.Changes.GetLastChangeAsync(default), index.LastChange);
    }

    [Fact]
    public async Task AddAsync_CommitIntervalZero_CommitsEveryWrite()
    {
        using var index = SearchIndex.Open(IndexPath, TimeSpan.Zero);
        var writer = Writer(await InitializedFollowerAsync(index));

        await writer.AddAsync([Article("خبر عن قرغيزستان", "نص")], default);

        Assert.Equal(await Store.Changes.GetLastChangeAsync(default), index.CommittedChange);
    }

    [Fact]
    public async Task Dispose_WithChangesUncommitted_CommitsThem()
    {
        using (var first = SearchIndex.Open(IndexPath, TimeSpan.FromHours(1)))
        {
            await Writer(await InitializedFollowerAsync(first)).AddAsync([Article("قرغيزستان", "نص")], default);
        }

        using var reopened = SearchIndex.Open(IndexPath);

        Assert.Equal(await Store.Changes.GetLastChangeAsync(default), reopened.CommittedChange);
        Assert.Single(Search(reopened, "قرغيزستان"));
    }

    [Fact]
    public async Task InitializeAsync_AfterACrashLeftChangesUncommitted_AppliesThemAgainFromTheFeed()
    {
        var crashed = Directory.CreateTempSubdirectory("docstream-search-crashed-").FullName;
        try
        {
            using (var index = SearchIndex.Open(IndexPath, TimeSpan.FromHours(1)))
            {
                var writer = Writer(await InitializedFollowerAsync(index));
                await writer.AddAsync([Article("خبر عن قرغيزستان", "نص")], default);
                await writer.AddAsync([Article("خبر عن طاجيكستان", "نص")], default);
                Assert.True(index.CommittedChange < index.LastChange);
                // What a kill -9 leaves on disk: the last commit, and files of uncommitted segments that no commit names.
                foreach (var file in Directory.GetFiles(IndexPath))
                {
                    File.Copy(file, Path.Combine(crashed, Path.GetFileName(file)));
                }
            }

            using var recovered = SearchIndex.Open(crashed);
            Assert.Empty(Search(recovered, "طاجيكستان"));
            var readsBefore = Reader.PageReads;

            await Follower(recovered).InitializeAsync(default);

            Assert.Equal(readsBefore, Reader.PageReads);
            Assert.Single(Search(recovered, "قرغيزستان"));
            Assert.Single(Search(recovered, "طاجيكستان"));
            Assert.Equal(await Store.Changes.GetLastChangeAsync(default), recovered.LastChange);
        }
        finally
        {
            Directory.Delete(crashed, recursive: true);
        }
    }
}
