using System.Data.Common;
using System.Globalization;
using DocStream.Core.Stories;
using static DocStream.Storage.DbCommands;

namespace DocStream.Storage;

/// <summary>
/// Grouping's tables seen from inside one write transaction: the candidates <see cref="IStoryAssigner"/> compares a
/// new document with, found through the postings and band indexes, and the writes that make a grouped document
/// findable and keep its story's aggregate. Only documents stored before <c>beforeSequence</c> are candidates, so a
/// regrouping compares each document with the earlier ones alone, as their first grouping did. Term counts go to
/// <paramref name="termCounts"/>, which the transaction writes before it commits.
/// </summary>
internal sealed class RelationalStoryIndex(
    RelationalDatabase database, DbConnection connection, DbTransaction transaction, long beforeSequence, PendingTermCounts termCounts)
    : IStoryCandidates
{
    /// <summary>The row of <c>story_terms</c> that counts grouped documents; term hashes are never zero.</summary>
    private const long DocumentCountTerm = 0;

    private const string CandidateColumns = "d.id, d.story_id, d.near_duplicate_of, g.published_micros, g.signature";

    /// <summary>Postings read per term or band of a lookup.</summary>
    private const int PerKeyLimit = 64;

    private long? _latestSequence;

    private SqlDialect Dialect => database.Dialect;

    /// <inheritdoc />
    public async Task<TermStatistics> StatisticsAsync(IReadOnlyCollection<long> terms, CancellationToken cancellationToken)
    {
        var frequencies = new Dictionary<long, long>();
        foreach (var term in terms)
        {
            if (termCounts.Of(term) is var pending and > 0)
            {
                frequencies[term] = pending;
            }
        }

        var documents = termCounts.Of(DocumentCountTerm);
        await using var command = CreateCommand(connection, transaction,
            $"SELECT term, documents FROM story_terms WHERE term IN {List("@terms")}",
            [("terms", Dialect.LongListValue([DocumentCountTerm, .. terms]))]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var term = reader.GetInt64(0);
            if (term == DocumentCountTerm)
            {
                documents += reader.GetInt64(1);
            }
            else
            {
                frequencies[term] = frequencies.GetValueOrDefault(term) + reader.GetInt64(1);
            }
        }

        return new TermStatistics(documents, frequencies);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoryCandidate>> FindByBandsAsync(IReadOnlyCollection<long> bands, int limit, CancellationToken cancellationToken)
    {
        // The oldest few of each band only: a text copied a thousand times must not cost a thousand rows per copy, and
        // the original is the oldest. The limit comes before the join: every hit joined reads a document row.
        var parameters = new List<(string, object?)> { ("before", beforeSequence), ("limit", limit), ("per", PerKeyLimit) };
        var arms = bands.Select((band, i) =>
        {
            parameters.Add(($"band{i}", band));
            return $"SELECT seq FROM (SELECT seq FROM story_bands WHERE band = @band{i} AND seq < @before ORDER BY seq LIMIT @per) AS b{i}";
        });
        return ReadCandidatesAsync(
            $"""
            WITH hits AS (SELECT DISTINCT seq FROM ({string.Join(" UNION ALL ", arms)}) AS found ORDER BY seq LIMIT @limit)
            SELECT {CandidateColumns} FROM hits h
            JOIN story_signatures g ON g.seq = h.seq JOIN documents d ON d.seq = h.seq
            WHERE d.story_id IS NOT NULL
            ORDER BY h.seq
            """,
            parameters,
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoryCandidate>> FindByTermsAsync(
        IReadOnlyCollection<long> terms, DateTimeOffset? publishedTime, TimeSpan window, int recentDocuments, int limit,
        CancellationToken cancellationToken)
    {
        // Counted back from the document being grouped, so that a regrouping sees what its first grouping saw.
        var recent = Math.Min(await LatestSequenceAsync(cancellationToken), beforeSequence - 1) - recentDocuments;
        var parameters = new List<(string, object?)>
        {
            ("recent", recent), ("before", beforeSequence), ("limit", limit),
        };
        // Each arm reads one index range of one term, and at most its latest few postings: the work per document is
        // bounded by the number of terms, whatever the corpus or the density of its days. "+p.seq" keeps SQLite from
        // walking a term's whole (term, seq) range instead.
        var arms = new List<string>();
        var dated = Micros.From(publishedTime);
        if (dated is { } published)
        {
            var reach = (long)window.TotalMicroseconds;
            parameters.Add(("from", published - reach));
            parameters.Add(("to", published + reach));
        }

        foreach (var (term, i) in terms.Select((term, i) => (term, i)))
        {
            parameters.Add(($"term{i}", term));
            if (dated is not null)
            {
                arms.Add($"SELECT seq FROM (SELECT p.seq FROM story_postings p WHERE p.term = @term{i} AND p.published_micros >= @from AND p.published_micros <= @to AND +p.seq < @before ORDER BY p.published_micros DESC LIMIT @per) AS d{i}");
                arms.Add($"SELECT seq FROM (SELECT p.seq FROM story_postings p WHERE p.term = @term{i} AND p.published_micros IS NULL AND p.seq > @recent AND p.seq < @before ORDER BY p.seq DESC LIMIT @per) AS u{i}");
            }
            else
            {
                arms.Add($"SELECT seq FROM (SELECT p.seq FROM story_postings p WHERE p.term = @term{i} AND p.seq > @recent AND p.seq < @before ORDER BY p.seq DESC LIMIT @per) AS r{i}");
            }
        }

        parameters.Add(("per", PerKeyLimit));
        var postings = string.Join(" UNION ALL ", arms);

        return await ReadCandidatesAsync(
            $"""
            WITH postings AS ({postings}),
            hits AS (
                SELECT seq, COUNT(*) AS shared FROM postings
                GROUP BY seq ORDER BY shared DESC, seq LIMIT @limit
            )
            SELECT {CandidateColumns} FROM hits h
            JOIN story_signatures g ON g.seq = h.seq JOIN documents d ON d.seq = h.seq
            WHERE d.story_id IS NOT NULL
            ORDER BY h.shared DESC, h.seq
            """,
            parameters,
            cancellationToken);
    }

    /// <summary>
    /// Makes document <paramref name="sequence"/> findable by later documents as <paramref name="assignment"/> says, counts
    /// its terms (in the pending counts), and adds it to its story's aggregate as of change <paramref name="change"/>.
    /// </summary>
    public async Task RecordAsync(
        long sequence, string title, DateTimeOffset? publishedTime, StoryAssignment assignment, long change, CancellationToken cancellationToken)
    {
        var published = Micros.From(publishedTime);
        await ScalarAsync(connection, transaction, "INSERT INTO story_signatures (seq, published_micros, signature) VALUES (@seq, @published, @signature)",
            [("seq", sequence), ("published", published), ("signature", assignment.Signature.Encode())], cancellationToken);
        if (assignment.IndexTerms.Count > 0)
        {
            await ScalarAsync(connection, transaction,
                $"INSERT INTO story_postings (term, seq, published_micros) SELECT l.value, @seq, @published FROM {List("@terms")} AS l WHERE true ON CONFLICT DO NOTHING",
                [("terms", Dialect.LongListValue(assignment.IndexTerms)), ("seq", sequence), ("published", published)], cancellationToken);
        }

        if (assignment.Bands.Count > 0)
        {
            await ScalarAsync(connection, transaction,
                $"INSERT INTO story_bands (band, seq) SELECT l.value, @seq FROM {List("@bands")} AS l WHERE true ON CONFLICT DO NOTHING",
                [("bands", Dialect.LongListValue(assignment.Bands)), ("seq", sequence)], cancellationToken);
        }

        termCounts.Add([DocumentCountTerm, .. assignment.CountedTerms]);
        await ScalarAsync(connection, transaction,
            $"""
            INSERT INTO stories (id, title, document_count, near_duplicate_count, first_published_micros, last_published_micros, update_micros, activity_change)
            VALUES (@story, @title, 1, @copy, @published, @published, {Dialect.NowMicros}, @change)
            ON CONFLICT (id) DO UPDATE SET
                document_count = stories.document_count + 1,
                near_duplicate_count = stories.near_duplicate_count + excluded.near_duplicate_count,
                first_published_micros = CASE WHEN stories.first_published_micros IS NULL OR excluded.first_published_micros < stories.first_published_micros
                    THEN excluded.first_published_micros ELSE stories.first_published_micros END,
                last_published_micros = CASE WHEN stories.last_published_micros IS NULL OR excluded.last_published_micros > stories.last_published_micros
                    THEN excluded.last_published_micros ELSE stories.last_published_micros END,
                update_micros = excluded.update_micros,
                activity_change = excluded.activity_change
            """,
            [
                ("story", assignment.StoryId), ("title", title), ("copy", assignment.NearDuplicateOf is null ? 0L : 1L),
                ("published", published), ("change", change),
            ],
            cancellationToken);
    }

    /// <summary>Forgets document <paramref name="sequence"/> as a candidate (its term counts stay: see docs/stories.md).</summary>
    public async Task ForgetAsync(long sequence, CancellationToken cancellationToken)
    {
        foreach (var table in (string[])["story_signatures", "story_postings", "story_bands"])
        {
            await ScalarAsync(connection, transaction, $"DELETE FROM {table} WHERE seq = @seq", [("seq", sequence)], cancellationToken);
        }
    }

    /// <summary>
    /// Recomputes story <paramref name="storyId"/>'s aggregate from its stored members, and drops it when none is left.
    /// Its activity becomes the latest change of a member, or <paramref name="leaveChange"/> (the change by which a
    /// member left) when that is later: each is a change number of one document only, so no two stories share one.
    /// </summary>
    public async Task RecountAsync(string storyId, long? leaveChange, CancellationToken cancellationToken)
    {
        await ScalarAsync(connection, transaction,
            $"""
            UPDATE stories SET
                document_count = (SELECT COUNT(*) FROM documents WHERE story_id = @story),
                near_duplicate_count = (SELECT COUNT(*) FROM documents WHERE story_id = @story AND near_duplicate_of IS NOT NULL),
                first_published_micros = (SELECT MIN(published_micros) FROM documents WHERE story_id = @story),
                last_published_micros = (SELECT MAX(published_micros) FROM documents WHERE story_id = @story),
                title = COALESCE((SELECT title FROM documents WHERE story_id = @story ORDER BY seq LIMIT 1), title),
                update_micros = {Dialect.NowMicros},
                activity_change = CASE
                    WHEN @leave > COALESCE((SELECT MAX(change_seq) FROM documents WHERE story_id = @story), 0) THEN @leave
                    ELSE COALESCE((SELECT MAX(change_seq) FROM documents WHERE story_id = @story), activity_change) END
            WHERE id = @story
            """,
            [("story", storyId), ("leave", leaveChange ?? 0L)], cancellationToken);
        await ScalarAsync(connection, transaction, "DELETE FROM stories WHERE id = @story AND document_count = 0", [("story", storyId)], cancellationToken);
    }

    /// <summary>Moves document <paramref name="sequence"/>'s candidate entries to its re-parsed publication time.</summary>
    public async Task RedateAsync(long sequence, DateTimeOffset? publishedTime, CancellationToken cancellationToken)
    {
        foreach (var table in (string[])["story_signatures", "story_postings"])
        {
            await ScalarAsync(connection, transaction, $"UPDATE {table} SET published_micros = @published WHERE seq = @seq",
                [("published", Micros.From(publishedTime)), ("seq", sequence)], cancellationToken);
        }
    }

    private string List(string parameter) => string.Format(CultureInfo.InvariantCulture, Dialect.LongList, parameter);

    private async Task<long> LatestSequenceAsync(CancellationToken cancellationToken) =>
        _latestSequence ??= Convert.ToInt64(
            await ScalarAsync(connection, transaction, "SELECT COALESCE(MAX(seq), 0) FROM documents", [], cancellationToken), CultureInfo.InvariantCulture);

    private async Task<IReadOnlyList<StoryCandidate>> ReadCandidatesAsync(
        string sql, IEnumerable<(string, object?)> parameters, CancellationToken cancellationToken)
    {
        var candidates = new List<StoryCandidate>();
        await using var command = CreateCommand(connection, transaction, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            candidates.Add(new StoryCandidate(
                reader.GetString(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : Micros.ToTime(reader.GetInt64(3)),
                StorySignature.Decode(reader.GetFieldValue<byte[]>(4))));
        }

        return candidates;
    }
}
