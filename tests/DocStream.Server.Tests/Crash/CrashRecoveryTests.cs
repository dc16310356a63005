using System.Collections.Concurrent;
using System.Data.Common;
using System.Text;
using DocStream.Contracts.V1;
using DocStream.Core.Parsing;
using DocStream.Server.Tests.EndToEnd;
using DocStream.Testing;
using Google.Protobuf;
using Grpc.Core;

namespace DocStream.Server.Tests.Crash;

/// <summary>
/// The crash suite: the real server is killed with SIGKILL in the middle of each kind of write, started again on the
/// same store, and checked: every acknowledged write is there (or gone, for deletes), readable and searchable, every
/// unacknowledged one is whole or absent, and the store's own integrity check passes. Each store runs the same tests.
/// </summary>
public abstract class CrashRecoveryTests : IAsyncLifetime
{
    private const int Writers = 4;

    /// <summary>Arguments that put a new server on a fresh, empty store of this kind.</summary>
    protected abstract Task<string[]> FreshStoreArgumentsAsync();

    /// <summary>A connection of the test's own to the store that <paramref name="server"/>, started with <paramref name="storeArguments"/>, uses.</summary>
    protected abstract Task<DbConnection> OpenStoreAsync(DocStreamServerProcess server, string[] storeArguments);

    /// <summary>Fails unless the store's own integrity check passes on <paramref name="connection"/>.</summary>
    protected abstract Task AssertStoreIntegrityAsync(DbConnection connection);

    /// <inheritdoc />
    public virtual Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Kill_DuringConcurrentCreates_KeepsEveryAcknowledgedDocumentReadableAndSearchable()
    {
        var store = await FreshStoreArgumentsAsync();
        await using var server = await StartAsync(store);
        var attempted = new ConcurrentDictionary<string, byte[]>();
        var acknowledged = new ConcurrentDictionary<string, string>();
        var client = server.Client;
        await KillDuringAsync(server, () => acknowledged.Count >= 60, async () =>
        {
            var (content, word) = Article();
            attempted[CorpusHelpers.NameOf(content)] = content;
            var created = await client.CreateAsync(content);
            acknowledged[created.Name] = word;
            return true;
        });

        foreach (var (name, word) in acknowledged)
        {
            var read = await server.Client.GetDocumentAsync(new GetDocumentRequest { Name = name });
            Assert.Equal(attempted[name], read.RawContent.ToByteArray());
            Assert.Equal([name], (await server.Client.SearchAsync(word)).Select(hit => hit.Name));
        }

        await AssertEveryStoredDocumentIsWholeAsync(server, attempted);
        await using (var connection = await OpenStoreAsync(server, store))
        {
            await AssertStoreIntegrityAsync(connection);
        }
        Assert.Empty(server.LoggedErrors());
    }

    [Fact]
    public async Task Kill_DuringAnImport_LeavesEachDocumentWholeOrAbsentAndAReimportCompletesIt()
    {
        var store = await FreshStoreArgumentsAsync();
        await using var server = await StartAsync(store);
        var articles = Enumerable.Range(0, 400).Select(_ => Article()).ToArray();
        var attempted = articles.ToDictionary(article => CorpusHelpers.NameOf(article.Content), article => article.Content);

        var call = server.Client.ImportDocuments();
        foreach (var (content, _) in articles.Take(300))
        {
            await call.RequestStream.WriteAsync(new ImportDocumentsRequest { Content = ByteString.CopyFrom(content), SourceUri = "import.txt" });
        }

        // The stream is still open: the server has acknowledged nothing when it dies.
        await server.StopAsync();
        call.Dispose();
        await server.RestartAsync();

        var survivors = await AssertEveryStoredDocumentIsWholeAsync(server, attempted);
        var summary = await ImportAsync(server, articles.Select(article => article.Content));
        Assert.Equal(survivors.Count, summary.Count(result => result.Outcome == ImportResult.Types.Outcome.Unchanged));
        Assert.Equal(articles.Length - survivors.Count, summary.Count(result => result.Outcome == ImportResult.Types.Outcome.Created));
        foreach (var (content, word) in articles.Take(50))
        {
            Assert.Equal([CorpusHelpers.NameOf(content)], (await server.Client.SearchAsync(word)).Select(hit => hit.Name));
        }

        await using (var connection = await OpenStoreAsync(server, store))
        {
            await AssertStoreIntegrityAsync(connection);
        }
        Assert.Empty(server.LoggedErrors());
    }

    [Fact]
    public async Task Kill_RightAfterAnAcknowledgedImport_LeavesEveryDocumentSearchableAfterTheRestart()
    {
        // No index commit after the startup's: the restart must find every document through the store's change feed.
        var store = await FreshStoreArgumentsAsync();
        await using var server = await StartAsync([.. store, "--Search:CommitInterval=01:00:00"]);
        var articles = Enumerable.Range(0, 300).Select(_ => Article()).ToArray();

        var summary = await ImportAsync(server, articles.Select(article => article.Content));
        await server.StopAsync();
        await server.RestartAsync();

        Assert.All(summary, result => Assert.Equal(ImportResult.Types.Outcome.Created, result.Outcome));
        foreach (var (content, word) in articles)
        {
            Assert.Equal([CorpusHelpers.NameOf(content)], (await server.Client.SearchAsync(word)).Select(hit => hit.Name));
        }

        Assert.Empty(server.LoggedErrors());
    }

    [Fact]
    public async Task Kill_DuringConcurrentDeletes_KeepsEveryAcknowledgedDeleteAndEveryOtherDocument()
    {
        var store = await FreshStoreArgumentsAsync();
        await using var server = await StartAsync(store);
        var articles = Enumerable.Range(0, 300).Select(_ => Article()).ToArray();
        await ImportAsync(server, articles.Select(article => article.Content));
        var words = articles.ToDictionary(article => CorpusHelpers.NameOf(article.Content), article => article.Word);
        var queue = new ConcurrentQueue<string>(words.Keys);
        var deleted = new ConcurrentBag<string>();
        var client = server.Client;
        await KillDuringAsync(server, () => deleted.Count >= 100, async () =>
        {
            if (!queue.TryDequeue(out var name))
            {
                return false;
            }

            await client.DeleteDocumentAsync(new DeleteDocumentRequest { Name = name });
            deleted.Add(name);
            return true;
        });

        foreach (var name in deleted)
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => server.Client.GetDocumentAsync(new GetDocumentRequest { Name = name }).ResponseAsync);
            Assert.Equal(StatusCode.NotFound, error.StatusCode);
            Assert.Empty(await server.Client.SearchAsync(words[name]));
        }

        // Deletes sent but not acknowledged may or may not have happened; the documents nobody tried to delete are all there.
        var remaining = (await server.Client.ListAllNamesAsync(pageSize: 1000)).ToHashSet();
        foreach (var name in queue)
        {
            Assert.Contains(name, remaining);
            Assert.Equal([name], (await server.Client.SearchAsync(words[name])).Select(hit => hit.Name));
        }

        await using (var connection = await OpenStoreAsync(server, store))
        {
            await AssertStoreIntegrityAsync(connection);
        }
        Assert.Empty(server.LoggedErrors());
    }

    [Fact]
    public async Task Kill_DuringTheStartupReparseAndThenDuringAnIndexRebuild_FinishesBothAfterRestarts()
    {
        var store = await FreshStoreArgumentsAsync();
        await using var server = await StartAsync(store);
        var articles = Enumerable.Range(0, 3000).Select(_ => Article(paragraphs: 40)).ToArray();
        await ImportAsync(server, articles.Select(article => article.Content));
        await server.StopAsync();
        var current = CultureInvariant($"SELECT COUNT(*) FROM documents WHERE parser_version = {ArticleParser.Version}");
        await using (var connection = await OpenStoreAsync(server, store))
        {
            Assert.Equal(articles.Length, await ExecuteAsync(connection, "UPDATE documents SET parser_version = 0"));

            // Killed once some of the re-parse's batches have committed and before the last has.
            server.StartAgainWithoutWaiting();
            while (await CountAsync(connection, current) == 0)
            {
                await Task.Delay(5);
            }

            await server.StopAsync();
            var reparsedBeforeKill = await CountAsync(connection, current);
            Assert.InRange(reparsedBeforeKill, 1, articles.Length - 1);
            var restartOutput = server.Output.Length;
            await server.RestartAsync();
            Assert.Equal(articles.Length, await CountAsync(connection, current));
            Assert.Contains($"Re-parsed {articles.Length - reparsedBeforeKill} documents", server.Output[restartOutput..], StringComparison.Ordinal);
        }

        var rebuild = server.Client.RebuildSearchIndexAsync(new RebuildSearchIndexRequest()).ResponseAsync;
        await Task.Delay(300);
        Assert.False(rebuild.IsCompleted, "the rebuild of 3,000 documents was still running when the server was killed");
        await server.StopAsync();
        await Assert.ThrowsAnyAsync<RpcException>(() => rebuild);
        await server.RestartAsync();

        foreach (var (content, word) in articles.Where((_, i) => i % 30 == 0))
        {
            Assert.Equal([CorpusHelpers.NameOf(content)], (await server.Client.SearchAsync(word)).Select(hit => hit.Name));
        }

        Assert.Equal(articles.Length, (await server.Client.RebuildSearchIndexAsync(new RebuildSearchIndexRequest())).IndexedCount);
        await using (var connection = await OpenStoreAsync(server, store))
        {
            await AssertStoreIntegrityAsync(connection);
        }
        Assert.Empty(server.LoggedErrors());
    }

    private static async Task<long> CountAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<int> ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync();
    }

    private static Task<DocStreamServerProcess> StartAsync(string[] store) =>
        DocStreamServerProcess.StartAsync(null, ["--Corpus:ImportSamplesWhenEmpty=false", .. store]);

    /// <summary>An article with a word of its own to search for, of <paramref name="paragraphs"/> paragraphs.</summary>
    private static (byte[] Content, string Word) Article(int paragraphs = 1)
    {
        var word = SearchTests.UniqueWord();
        var text = new StringBuilder($"خبر تجريبي عن {word}\n\n");
        for (var i = 0; i < paragraphs; i++)
        {
            text.Append(CultureInvariant($"فقرة {i} من الخبر عن {word}، وفيها ما قالته المصادر في اليوم {i}.\n\n"));
        }

        text.Append("المصدر: وكالة الاختبار\n");
        return (Encoding.UTF8.GetBytes(text.ToString()), word);
    }

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);

    /// <summary>
    /// Runs <paramref name="writeOnce"/> on several tasks at once until <paramref name="enough"/> writes are
    /// acknowledged, kills the server with the writes in flight, and starts it again on the same store.
    /// <paramref name="writeOnce"/> returns false when nothing is left to write; a write the kill cuts ends its task.
    /// </summary>
    private static async Task KillDuringAsync(DocStreamServerProcess server, Func<bool> enough, Func<Task<bool>> writeOnce)
    {
        using var acknowledged = new CancellationTokenSource();
        var writers = Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
        {
            try
            {
                while (await writeOnce())
                {
                    if (enough())
                    {
                        await acknowledged.CancelAsync();
                    }
                }
            }
            catch (Exception ex) when (ex is RpcException or ObjectDisposedException or OperationCanceledException)
            {
                // The kill cut this write short.
            }
        })).ToArray();

        try
        {
            await Task.Delay(TimeSpan.FromMinutes(2), acknowledged.Token);
            Assert.Fail("the writers did not get enough writes acknowledged within two minutes");
        }
        catch (OperationCanceledException)
        {
            // Enough writes were acknowledged.
        }

        await server.StopAsync();
        await Task.WhenAll(writers);
        await server.RestartAsync();
    }

    private static async Task<List<ImportResult>> ImportAsync(DocStreamServerProcess server, IEnumerable<byte[]> contents)
    {
        using var call = server.Client.ImportDocuments();
        foreach (var content in contents)
        {
            await call.RequestStream.WriteAsync(new ImportDocumentsRequest { Content = ByteString.CopyFrom(content), SourceUri = "import.txt" });
        }

        await call.RequestStream.CompleteAsync();
        var response = await call;
        Assert.All(response.Results, result => Assert.NotEqual(ImportResult.Types.Outcome.Failed, result.Outcome));
        return response.Results.ToList();
    }

    /// <summary>Every stored document is one that was sent, with exactly the bytes sent; returns their names.</summary>
    private static async Task<HashSet<string>> AssertEveryStoredDocumentIsWholeAsync(DocStreamServerProcess server, IReadOnlyDictionary<string, byte[]> attempted)
    {
        var stored = await server.Client.StreamAllAsync(new StreamDocumentsRequest { View = DocumentView.Full });
        foreach (var (document, _) in stored)
        {
            Assert.True(attempted.TryGetValue(document.Name, out var content), $"{document.Name} was never sent");
            Assert.Equal(content, document.RawContent.ToByteArray());
        }

        return stored.Select(item => item.Document.Name).ToHashSet();
    }
}
