using DocStream.Core.Documents;
using DocStream.Core.Paging;
using DocStream.Core.Querying;
using DocStream.Server.Application;

namespace DocStream.Server.Tests.Application;

public class DocumentStreamerTests
{
    private readonly ApplicationFixtures _fixtures = new();

    [Fact]
    public async Task StreamAsync_SmallDocuments_FlushOnceTheBufferedBytesReachTheFlushSizeAndAtEachBatchEnd()
    {
        await _fixtures.AddAsync(MessageBudgets.StreamBatchDocuments + 10, bytes: 3000);
        // Default-sized messages, so that a store batch ends at its count rather than its bytes.
        var budgets = new MessageBudgets(4 * 1024 * 1024);
        var streamer = new DocumentStreamer(_fixtures.Store.Reader, _fixtures.Tokens, new DocumentFramer(budgets), budgets);

        var frames = await streamer.StreamAsync(DocumentFilter.All, DocumentParts.Full, null, default).ToListAsync();

        long pending = 0;
        for (var i = 0; i < frames.Count; i++)
        {
            pending += frames[i].Frame.Document.SerializedSize;
            var endOfBatch = i == MessageBudgets.StreamBatchDocuments - 1 || i == frames.Count - 1;
            Assert.Equal(pending >= MessageBudgets.StreamFlushBytes || endOfBatch, frames[i].Flush);
            pending = frames[i].Flush ? 0 : pending;
        }

        Assert.Contains(frames, frame => !frame.Flush);
    }

    [Fact]
    public async Task StreamAsync_EveryDocument_CarriesTheTokenThatResumesAfterIt()
    {
        var articles = await _fixtures.AddAsync(5, bytes: 500);

        var frames = await _fixtures.Streamer.StreamAsync(DocumentFilter.All, DocumentParts.Basic, null, default).ToListAsync();
        var resumed = await _fixtures.Streamer.StreamAsync(DocumentFilter.All, DocumentParts.Basic, frames[1].ResumeToken, default).ToListAsync();

        Assert.Equal(articles.Select(a => a.Id), frames.Select(f => f.Frame.Document.Id));
        Assert.Equal(frames.Count, frames.Select(f => f.ResumeToken).Distinct().Count());
        Assert.Equal(articles.Skip(2).Select(a => a.Id), resumed.Select(f => f.Frame.Document.Id));
    }

    [Fact]
    public async Task StreamAsync_LargeDocument_ItsFramesCarryThePreviousTokenUntilTheLastChunk_AndAreFlushedEach()
    {
        await _fixtures.Store.Writer.AddAsync(
            [ApplicationFixtures.Article("صغير", 500), ApplicationFixtures.Article("كبير", 60_000), ApplicationFixtures.Article("أخير", 500)], default);

        var frames = await _fixtures.Streamer.StreamAsync(DocumentFilter.All, DocumentParts.Full, null, default).ToListAsync();

        var large = frames.Skip(1).TakeWhile(f => f.Frame.Kind != DocumentFrameKind.Whole).ToList();
        Assert.Equal(DocumentFrameKind.Header, large[0].Frame.Kind);
        Assert.All(large.SkipLast(1), f => Assert.Equal(frames[0].ResumeToken, f.ResumeToken));
        Assert.True(large[^1].Frame.IsLastChunk);
        Assert.NotEqual(frames[0].ResumeToken, large[^1].ResumeToken);
        Assert.All(large, f => Assert.True(f.Flush));
    }

    [Fact]
    public async Task StreamAsync_ResumeTokenOfAnotherFilter_IsRefusedAsAResumeToken()
    {
        await _fixtures.AddAsync(2, bytes: 500);
        var frames = await _fixtures.Streamer.StreamAsync(DocumentFilter.All, DocumentParts.Basic, null, default).ToListAsync();

        var error = await Assert.ThrowsAsync<InvalidCursorTokenException>(async () =>
            await _fixtures.Streamer.StreamAsync(FilterParser.Parse("language = ar"), DocumentParts.Basic, frames[0].ResumeToken, default).ToListAsync());

        Assert.Equal(CursorKind.ResumeToken, error.Kind);
    }
}
