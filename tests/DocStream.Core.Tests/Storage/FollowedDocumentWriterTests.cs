using System.Text;
using DocStream.Core.Documents;
using DocStream.Core.Parsing;
using DocStream.Core.Storage;
using DocStream.Testing.Storage;

namespace DocStream.Core.Tests.Storage;

public class FollowedDocumentWriterTests
{
    private readonly InMemoryDocumentStore _store = new();
    private readonly CountingFollower _first = new();
    private readonly CountingFollower _second = new();
    private readonly FollowedDocumentWriter _writer;

    public FollowedDocumentWriterTests() => _writer = new FollowedDocumentWriter(_store.Writer, [_first, _second]);

    [Fact]
    public async Task EveryWriteThatChangesSomething_CatchesEveryFollowerUpBeforeItReturns()
    {
        var article = Article("a");

        await _writer.AddAsync([article], default);
        await _writer.ReplaceParsedAsync([new ParsedReplacement(article.Id, article.Parsed)], ArticleParser.Version, default);
        await _writer.DeleteAsync(article.Id, null, default);

        Assert.Equal(3, _first.CatchUps);
        Assert.Equal(3, _second.CatchUps);
    }

    [Fact]
    public async Task WritesThatChangeNothing_LeaveTheFollowersAlone()
    {
        var article = Article("a");
        await _store.Writer.AddAsync([article], default);

        await _writer.AddAsync([article], default);
        await _writer.ReplaceParsedAsync([new ParsedReplacement(new string('0', 32), article.Parsed)], ArticleParser.Version, default);
        await _writer.DeleteAsync(article.Id, "stale", default);
        await _writer.DeleteAsync(new string('0', 32), null, default);

        Assert.Equal(0, _first.CatchUps);
    }

    [Fact]
    public async Task CommittedWrite_OfACancelledCaller_StillCatchesTheFollowersUp()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        // The in-memory store commits whatever the token says, as a database does once the commit is under way.
        await _writer.AddAsync([Article("a")], cancelled.Token);

        Assert.Equal(1, _first.CatchUps);
        Assert.False(_first.LastToken.CanBeCanceled);
    }

    private static NewDocument Article(string key) =>
        NewDocument.Create(Encoding.UTF8.GetBytes($"عنوان {key}\n\nنص"), key, ArticleParser.Parse($"عنوان {key}\n\nنص"));

    private sealed class CountingFollower : IChangeFeedFollower
    {
        public int CatchUps { get; private set; }

        public CancellationToken LastToken { get; private set; }

        public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task CatchUpAsync(CancellationToken cancellationToken)
        {
            CatchUps++;
            LastToken = cancellationToken;
            return Task.CompletedTask;
        }
    }
}
