using System.Globalization;
using System.Text;
using DocStream.Core.Querying;

namespace DocStream.Storage;

/// <summary>A <see cref="DocumentFilter"/> as SQL conditions on the documents table, aliased <c>d</c>.</summary>
internal static class FilterConditions
{
    /// <summary>Appends <c> AND ...</c> for each term of <paramref name="filter"/>, and their parameters.</summary>
    public static void Append(StringBuilder sql, List<(string, object?)> parameters, DocumentFilter filter)
    {
        if (filter.LanguageCode is not null)
        {
            sql.Append(" AND d.language_code = @language");
            parameters.Add(("language", filter.LanguageCode));
        }

        if (filter.PublishedFromMicros is { } from)
        {
            sql.Append(" AND d.published_micros >= @from");
            parameters.Add(("from", from));
        }

        if (filter.PublishedBeforeMicros is { } before)
        {
            sql.Append(" AND d.published_micros < @before");
            parameters.Add(("before", before));
        }

        if (filter.StoryId is not null)
        {
            sql.Append(" AND d.story_id = @story");
            parameters.Add(("story", filter.StoryId));
        }

        if (filter.NearDuplicate is { } nearDuplicate)
        {
            sql.Append(nearDuplicate ? " AND d.near_duplicate_of IS NOT NULL" : " AND d.near_duplicate_of IS NULL");
        }

        for (var i = 0; i < filter.Sources.Count; i++)
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND EXISTS (SELECT 1 FROM document_sources s WHERE s.seq = d.seq AND s.source = @source{i})");
            parameters.Add(($"source{i}", filter.Sources[i]));
        }
    }
}
