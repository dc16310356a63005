using DocStream.Core.Paging;
using DocStream.Core.Storage;
using DocStream.Core.Stories;

namespace DocStream.Server.Application;

/// <summary>Stories by name and in pages of most recent activity, with page tokens bound to ListStories.</summary>
/// <param name="store">Where stories are kept.</param>
/// <param name="tokens">Issues and reads page tokens.</param>
public sealed class StoryCatalog(IDocumentStore store, CursorTokens tokens)
{
    /// <summary>Stories in a page when the request says 0.</summary>
    public const int DefaultPageSize = 50;

    /// <summary>Most stories in a page; larger requests are lowered to it.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>One page of stories after the one <paramref name="pageToken"/> ends with, and the token of the next page (empty on the last).</summary>
    /// <exception cref="InvalidCursorTokenException">The token is malformed, edited, or from another method.</exception>
    public async Task<(IReadOnlyList<StorySummary> Stories, string NextPageToken)> ListAsync(
        int requestedPageSize, string? pageToken, CancellationToken cancellationToken)
    {
        var pageSize = requestedPageSize == 0 ? DefaultPageSize : Math.Min(requestedPageSize, MaxPageSize);
        using var cursor = await tokens.OpenAsync(CursorScope.ForStories, pageToken, cancellationToken);
        // Activity change numbers start at 1: a position of 0 is the start.
        var stories = await store.Stories.ListAsync(cursor.After == 0 ? null : cursor.After, pageSize + 1, cancellationToken);
        return stories.Count > pageSize
            ? (stories.Take(pageSize).ToArray(), cursor.TokenAfter(stories[pageSize - 1].ActivityChange))
            : (stories, "");
    }

    /// <summary>The story <paramref name="id"/>.</summary>
    /// <exception cref="StoryNotFoundException">No stored document belongs to it.</exception>
    public async Task<StorySummary> GetAsync(string id, CancellationToken cancellationToken) =>
        await store.Stories.FindAsync(id, cancellationToken) ?? throw new StoryNotFoundException(StoryName.Format(id));
}
