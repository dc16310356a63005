using System.Diagnostics;
using DocStream.Core.Parsing;
using DocStream.Testing;
using Npgsql;

namespace DocStream.Search.Bench;

/// <summary>
/// The same documents and queries on PostgreSQL's own full-text search, for comparison: its built-in
/// <c>arabic</c> configuration (Snowball stemmer), title weighted A and body and keywords B, a GIN index,
/// <c>websearch_to_tsquery</c> (which reads the same words / "phrase" / OR / -word syntax), ranked by
/// <c>ts_rank_cd</c>, top 20 with <c>ts_headline</c> snippets.
/// </summary>
internal static class PostgresFullTextBaseline
{
    public static async Task<(double IndexSeconds, long IndexBytes, List<(int Hits, List<double> Timings)> Results)> RunAsync(
        IReadOnlyList<(string Id, ParsedArticle Article)> documents, IReadOnlyList<string> queries, int repetitions)
    {
        await using var server = await PostgresServer.StartAsync();
        await using var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync("fts"));
        await ExecuteAsync(dataSource, """
            CREATE TABLE docs (id TEXT PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL, keywords TEXT NOT NULL,
                tsv tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('arabic', title), 'A') || setweight(to_tsvector('arabic', body || ' ' || keywords), 'B')) STORED);
            """);

        var clock = Stopwatch.StartNew();
        await using (var connection = await dataSource.OpenConnectionAsync())
        await using (var import = await connection.BeginBinaryImportAsync("COPY docs (id, title, body, keywords) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (id, article) in documents)
            {
                await import.StartRowAsync();
                await import.WriteAsync(id);
                await import.WriteAsync(article.Title);
                await import.WriteAsync(string.Join('\n', article.Body));
                await import.WriteAsync(string.Join(' ', article.Keywords));
            }

            await import.CompleteAsync();
        }

        await ExecuteAsync(dataSource, "CREATE INDEX docs_tsv ON docs USING GIN (tsv)");
        await ExecuteAsync(dataSource, "VACUUM ANALYZE docs");
        var indexSeconds = clock.Elapsed.TotalSeconds;
        await using var sizeCommand = dataSource.CreateCommand("SELECT pg_total_relation_size('docs')");
        var indexBytes = (long)(await sizeCommand.ExecuteScalarAsync())!;

        var results = new List<(int, List<double>)>();
        foreach (var query in queries)
        {
            var hits = await SearchAsync(dataSource, query);
            var timings = new List<double>();
            for (var r = 0; r < repetitions; r++)
            {
                var started = Stopwatch.GetTimestamp();
                await SearchAsync(dataSource, query);
                timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            results.Add((hits, timings));
        }

        return (indexSeconds, indexBytes, results);
    }

    private static async Task<int> SearchAsync(NpgsqlDataSource dataSource, string query)
    {
        await using var command = dataSource.CreateCommand("""
            WITH q AS (SELECT websearch_to_tsquery('arabic', $1) AS query),
                 top AS (SELECT id, body, ts_rank_cd(tsv, q.query) AS rank FROM docs, q WHERE tsv @@ q.query ORDER BY rank DESC LIMIT 20)
            SELECT (SELECT COUNT(*) FROM docs, q WHERE tsv @@ q.query), id, ts_headline('arabic', body, q.query, 'StartSel=[, StopSel=]') FROM top, q
            """);
        command.Parameters.AddWithValue(query);
        await using var reader = await command.ExecuteReaderAsync();
        var total = 0;
        while (await reader.ReadAsync())
        {
            total = (int)reader.GetInt64(0);
            _ = reader.GetString(2);
        }

        return total;
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
