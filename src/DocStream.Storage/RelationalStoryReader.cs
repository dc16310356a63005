using System.Data.Common;
using DocStream.Core.Stories;
using static DocStream.Storage.DbCommands;

namespace DocStream.Storage;

/// <summary>The store's reads of stories: the <c>stories</c> aggregate, with each story's sources from its members' rows.</summary>
/// <param name="database">The database to read.</param>
internal sealed class RelationalStoryReader(RelationalDatabase database) : IStoryReader
{
    private const string Columns =
        "id, title, document_count, near_duplicate_count, first_published_micros, last_published_micros, update_micros, activity_change";

    /// <inheritdoc />
    public async Task<IReadOnlyList<StorySummary>> ListAsync(long? beforeActivity, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await ReadAsync(connection,
            $"SELECT {Columns} FROM stories WHERE activity_change < @before ORDER BY activity_change DESC LIMIT @limit",
            [("before", beforeActivity ?? long.MaxValue), ("limit", limit)], cancellationToken);
        return await WithSourcesAsync(connection, rows, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<StorySummary?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await ReadAsync(connection, $"SELECT {Columns} FROM stories WHERE id = @id", [("id", id)], cancellationToken);
        return rows.Count == 0 ? null : (await WithSourcesAsync(connection, rows, cancellationToken))[0];
    }

    /// <inheritdoc />
    public async Task<long> CountUngroupedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return Convert.ToInt64(
            await ScalarAsync(connection, null, "SELECT (SELECT COUNT(*) FROM documents) - (SELECT COUNT(*) FROM story_signatures)", [], cancellationToken),
            System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<List<StorySummary>> ReadAsync(
        DbConnection connection, string sql, IEnumerable<(string, object?)> parameters, CancellationToken cancellationToken)
    {
        var stories = new List<StorySummary>();
        await using var command = CreateCommand(connection, null, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            stories.Add(new StorySummary(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetInt64(2),
                reader.GetInt64(3),
                reader.IsDBNull(4) ? null : Micros.ToTime(reader.GetInt64(4)),
                reader.IsDBNull(5) ? null : Micros.ToTime(reader.GetInt64(5)),
                [],
                Micros.ToTime(reader.GetInt64(6)),
                reader.GetInt64(7)));
        }

        return stories;
    }

    private static async Task<IReadOnlyList<StorySummary>> WithSourcesAsync(
        DbConnection connection, List<StorySummary> stories, CancellationToken cancellationToken)
    {
        if (stories.Count == 0)
        {
            return stories;
        }

        // One query for the page: the sources of every member of its stories.
        var names = stories.Select((_, i) => $"@story{i}").ToList();
        var sources = stories.ToDictionary(story => story.Id, _ => new SortedSet<string>(StringComparer.Ordinal));
        await using (var command = CreateCommand(connection, null,
            $"SELECT DISTINCT d.story_id, s.source FROM documents d JOIN document_sources s ON s.seq = d.seq WHERE d.story_id IN ({string.Join(", ", names)})",
            stories.Select((story, i) => ($"story{i}", (object?)story.Id))))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                sources[reader.GetString(0)].Add(reader.GetString(1));
            }
        }

        return [.. stories.Select(story => story with { Sources = [.. sources[story.Id]] })];
    }
}
