using DocStream.Contracts.V1;
using DocStream.Testing;
using Microsoft.Data.Sqlite;

namespace DocStream.Server.Tests.EndToEnd;

public class ReparseTests
{
    [Fact]
    public async Task Restart_DocumentsFromAnOlderParser_AreReparsedFromTheirRawBytes()
    {
        await using var server = await DocStreamServerProcess.StartAsync();
        var name = (await server.Client.ListAllNamesAsync(filter: "source = \"صحيفة الاتحاد\""))[0];
        var current = await server.Client.GetDocumentAsync(new GetDocumentRequest { Name = name });
        await server.StopAsync();
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(server.DataDirectory, "docstream.db")};Pooling=false"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                UPDATE documents SET parser_version = 0, meta_pb = NULL,
                    meta_json = '{"title":"STALE","sources":[],"keywords_line":"","keywords":[],"body":[],"read_also":[],"related_headlines":[],"embedded_posts":[],"language_code":"ar","character_count":0,"word_count":0,"warnings":[]}',
                    content_pb = NULL, content_json = '{"body":[],"read_also":[]}'
                """;
            Assert.Equal(5, await command.ExecuteNonQueryAsync());
        }

        await server.RestartAsync();

        var reparsed = await server.Client.GetDocumentAsync(new GetDocumentRequest { Name = name });
        Assert.Equal(current.Title, reparsed.Title);
        Assert.Equal(current.Body, reparsed.Body);
        Assert.Equal(current.RawContent, reparsed.RawContent);
        Assert.NotEqual(current.Etag, reparsed.Etag);
        Assert.Contains("Re-parsed 5 documents", server.Output, StringComparison.Ordinal);
    }
}
