using System.Text.Json;
using DocStream.Contracts.V1;
using DocStream.Testing;
using Microsoft.Data.Sqlite;

namespace DocStream.Server.Tests.EndToEnd;

/// <summary>Rows written by earlier builds, with metadata and content as JSON, are served exactly as before.</summary>
public class OlderRowsTests
{
    [Fact]
    public async Task Restart_RowsWithJsonMetadataAndContent_AreServedTheSameByEveryReadPath()
    {
        await using var server = await DocStreamServerProcess.StartAsync();
        var before = await ReadEveryWayAsync(server.Client);
        await server.StopAsync();
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(server.DataDirectory, "docstream.db")};Pooling=false"))
        {
            await connection.OpenAsync();
            foreach (var document in before.Listed)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "UPDATE documents SET meta_pb = NULL, meta_json = $meta, content_pb = NULL, content_json = $content WHERE id = $id";
                command.Parameters.AddWithValue("$meta", MetadataJson(document));
                command.Parameters.AddWithValue("$content", JsonSerializer.Serialize(new
                {
                    body = document.Body,
                    read_also = document.ReadAlso.Select(teaser => new { title = teaser.Title, paragraphs = teaser.Paragraphs }),
                }));
                command.Parameters.AddWithValue("$id", document.Name["documents/".Length..]);
                Assert.Equal(1, await command.ExecuteNonQueryAsync());
            }
        }

        await server.RestartAsync();
        var after = await ReadEveryWayAsync(server.Client);

        Assert.True(before.Listed.Count >= 5);
        Assert.Contains(before.Listed, document => document.EmbeddedPosts.Count > 0);
        Assert.Equal(before.Listed, after.Listed);
        Assert.Equal(before.Listed, after.Fetched);
        Assert.Equal(before.Listed, after.Streamed);
    }

    private static async Task<(List<Document> Listed, List<Document> Fetched, List<Document> Streamed)> ReadEveryWayAsync(
        DocumentService.DocumentServiceClient client)
    {
        var listed = (await client.ListDocumentsAsync(new ListDocumentsRequest { PageSize = 1000, View = DocumentView.Full })).Documents.ToList();
        var fetched = new List<Document>();
        foreach (var document in listed)
        {
            fetched.Add(await client.GetDocumentAsync(new GetDocumentRequest { Name = document.Name }));
        }

        var streamed = (await client.StreamAllAsync(new StreamDocumentsRequest())).Select(s => s.Document).ToList();
        return (listed, fetched, streamed);
    }

    /// <summary>The metadata as earlier builds wrote it: the parsed article in snake_case JSON, body and teasers empty.</summary>
    private static string MetadataJson(Document document) => JsonSerializer.Serialize(new
    {
        title = document.Title,
        published_time = document.PublishedTime?.ToDateTimeOffset(),
        sources = document.Sources,
        keywords_line = document.KeywordsLine,
        keywords = document.Keywords,
        body = Array.Empty<string>(),
        read_also = Array.Empty<object>(),
        related_headlines = document.RelatedHeadlines,
        embedded_posts = document.EmbeddedPosts.Select(post => new
        {
            text = post.Text,
            author = post.Author,
            handle = post.Handle,
            post_time = post.PostTime?.ToDateTimeOffset(),
            url = post.Url,
        }),
        language_code = document.LanguageCode,
        character_count = document.CharacterCount,
        word_count = document.WordCount,
        warnings = document.ParseWarnings,
    });
}
