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
        var result = new List<StorySummary>(stories.Count);
        foreach (var story in stories)
        {
            var sources = new List<string>();
            await using var command = CreateCommand(connection, null,
                "SELECT DISTINCT s.source FROM documents d JOIN document_sources s ON s.seq = d.seq WHERE d.story_id = @story",
                [("story", story.Id)]);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                sources.Add(reader.GetString(0));
            }

            sources.Sort(StringComparer.Ordinal);
            result.Add(story with { Sources = sources });
        }

        return result;
    }
}
