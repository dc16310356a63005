namespace DocStream.Core.Stories;

/// <summary>A story as the store keeps it: its members' aggregate.</summary>
/// <param name="Id">The id of the document that started it.</param>
/// <param name="Title">The headline of its earliest stored member.</param>
/// <param name="DocumentCount">Stored members, near copies included.</param>
/// <param name="NearDuplicateCount">Members that are near copies of another.</param>
/// <param name="FirstPublishedTime">The earliest publication time of a member, if any says.</param>
/// <param name="LastPublishedTime">The latest publication time of a member, if any says.</param>
/// <param name="Sources">Every source of its members, deduplicated, in ordinal order.</param>
/// <param name="UpdateTime">When a member last joined or left.</param>
/// <param name="ActivityChange">The latest change of a member, or the change by which a member last left, if later: the order of <see cref="IStoryReader.ListAsync"/>.</param>
public sealed record StorySummary(
    string Id,
    string Title,
    long DocumentCount,
    long NearDuplicateCount,
    DateTimeOffset? FirstPublishedTime,
    DateTimeOffset? LastPublishedTime,
    IReadOnlyList<string> Sources,
    DateTimeOffset UpdateTime,
    long ActivityChange)
{
    /// <summary>The resource name, <c>stories/{id}</c>.</summary>
    public string Name => StoryName.Format(Id);
}

/// <summary>The store's reads of stories.</summary>
public interface IStoryReader
{
    /// <summary>Stories by most recent activity, those whose activity change is below <paramref name="beforeActivity"/> (all, when null).</summary>
    Task<IReadOnlyList<StorySummary>> ListAsync(long? beforeActivity, int limit, CancellationToken cancellationToken);

    /// <summary>One story, or null when no stored document belongs to it.</summary>
    Task<StorySummary?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>How many stored documents have not been grouped (stored with grouping off, before it existed, or not yet reached by a regrouping).</summary>
    Task<long> CountUngroupedAsync(CancellationToken cancellationToken);
}
