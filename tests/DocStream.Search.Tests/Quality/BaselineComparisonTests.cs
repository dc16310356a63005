using System.Globalization;
using DocStream.Core.Parsing;
using DocStream.Core.Querying;
using DocStream.Search.Indexing;
using DocStream.Testing;
using Lucene.Net.Analysis.Ar;
using Lucene.Net.Util;
using Npgsql;
using Xunit.Abstractions;

namespace DocStream.Search.Tests.Quality;

/// <summary>
/// The <see cref="JudgedSet"/> searched three ways in one run: DocStream; the same index, queries and ranking with
/// Lucene's <c>ArabicAnalyzer</c> as the analysis chain; and PostgreSQL's own full-text search with its
/// <c>arabic</c> configuration on a real server. DocStream must rank at least as well as both on every measure.
/// </summary>
public sealed class BaselineComparisonTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Search_JudgedQueries_RankAtLeastAsWellAsLuceneArabicAndPostgresArabic()
    {
        var articles = JudgedSet.Articles();
        var queries = JudgedSet.Queries();

        var docStream = await MeasureLuceneAsync(SearchIndex.InMemory(), articles, queries);
        var luceneArabic = await MeasureLuceneAsync(SearchIndex.InMemory(new ArabicAnalyzer(LuceneVersion.LUCENE_48)), articles, queries);
        await using var postgres = await PostgresServer.StartAsync();
        var postgresArabic = await PostgresArabicSearch.MeasureAsync(postgres, articles, queries);

        output.WriteLine("| Class | Queries | DocStream MRR / recall / precision | Lucene ArabicAnalyzer | PostgreSQL arabic |");
        output.WriteLine("| --- | ---: | --- | --- | --- |");
        output.WriteLine(Row("all", docStream, luceneArabic, postgresArabic));
        foreach (var ((name, ours), (_, lucene), (_, pg)) in docStream.ByClass().Zip(luceneArabic.ByClass(), postgresArabic.ByClass()))
        {
            output.WriteLine(Row(name, ours, lucene, pg));
        }

        foreach (var (baseline, scores) in new[] { ("Lucene ArabicAnalyzer", luceneArabic), ("PostgreSQL arabic", postgresArabic) })
        {
            Assert.True(docStream.Mrr >= scores.Mrr, $"MRR@10 {docStream.Mrr:F3} below {baseline}'s {scores.Mrr:F3}");
            Assert.True(docStream.Recall >= scores.Recall, $"recall@10 {docStream.Recall:F3} below {baseline}'s {scores.Recall:F3}");
            Assert.True(docStream.Precision >= scores.Precision, $"precision@10 {docStream.Precision:F3} below {baseline}'s {scores.Precision:F3}");
        }
    }

    private static async Task<JudgedScores> MeasureLuceneAsync(
        SearchIndex index, IReadOnlyList<(string Id, ParsedArticle Article)> articles, IReadOnlyList<JudgedQuery> queries)
    {
        using (index)
        {
            index.Upsert(articles);
            var searcher = new DocumentSearcher(index);
            return await JudgedSet.MeasureAsync(queries, text =>
                Task.FromResult<IReadOnlyList<string>>([.. searcher.Search(text, DocumentFilter.All, JudgedSet.Depth).Hits.Select(hit => hit.Id)]));
        }
    }

    private static string Row(string name, JudgedScores ours, JudgedScores lucene, JudgedScores postgres) =>
        string.Create(CultureInfo.InvariantCulture, $"| {name} | {ours.Queries.Count} | {Cell(ours)} | {Cell(lucene)} | {Cell(postgres)} |");

    private static string Cell(JudgedScores scores) =>
        string.Create(CultureInfo.InvariantCulture, $"{scores.Mrr:F3} / {scores.Recall:F3} / {scores.Precision:F3}");
}

/// <summary>
/// PostgreSQL's full-text search as a user would set it up: the built-in <c>arabic</c> configuration (Snowball),
/// title weighted A, body and keywords B, <c>websearch_to_tsquery</c> (which reads the same words / "phrase" / OR /
/// -word syntax), ranked by <c>ts_rank_cd</c>.
/// </summary>
internal static class PostgresArabicSearch
{
    public static async Task<JudgedScores> MeasureAsync(
        PostgresServer server, IReadOnlyList<(string Id, ParsedArticle Article)> articles, IReadOnlyList<JudgedQuery> queries)
    {
        await using var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync("judged"));
        await using (var create = dataSource.CreateCommand("""
            CREATE TABLE docs (id TEXT PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL, keywords TEXT NOT NULL,
                tsv tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('arabic', title), 'A') || setweight(to_tsvector('arabic', body || ' ' || keywords), 'B')) STORED)
            """))
        {
            await create.ExecuteNonQueryAsync();
        }

        foreach (var (id, article) in articles)
        {
            await using var insert = dataSource.CreateCommand("INSERT INTO docs (id, title, body, keywords) VALUES ($1, $2, $3, $4)");
            insert.Parameters.AddWithValue(id);
            insert.Parameters.AddWithValue(article.Title);
            insert.Parameters.AddWithValue(string.Join('\n', article.Body));
            insert.Parameters.AddWithValue(string.Join(' ', article.Keywords));
            await insert.ExecuteNonQueryAsync();
        }

        return await JudgedSet.MeasureAsync(queries, async text =>
        {
            await using var search = dataSource.CreateCommand("""
                SELECT id FROM docs, websearch_to_tsquery('arabic', $1) AS query
                WHERE tsv @@ query ORDER BY ts_rank_cd(tsv, query) DESC, id LIMIT $2
                """);
            search.Parameters.AddWithValue(text);
            search.Parameters.AddWithValue(JudgedSet.Depth);
            var ids = new List<string>();
            await using var reader = await search.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetString(0));
            }

            return ids;
        });
    }
}
