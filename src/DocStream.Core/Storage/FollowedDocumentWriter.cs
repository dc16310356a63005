namespace DocStream.Core.Storage;

/// <summary>
/// The writer the application uses: the store's writer, after whose writes every <see cref="IChangeFeedFollower"/>
/// catches up before the write returns. A write that changed nothing leaves the followers alone. Once the store has
/// committed a write, the catch-up is no longer the caller's to cancel: the write is done, and a cancelled caller
/// must not leave it acknowledged to nobody yet unapplied by the followers, nor fail a call whose write stood.
/// </summary>
/// <param name="inner">The store's own writer.</param>
/// <param name="followers">What follows the store's change feed.</param>
public sealed class FollowedDocumentWriter(IDocumentWriter inner, IEnumerable<IChangeFeedFollower> followers) : IDocumentWriter
{
    private readonly IChangeFeedFollower[] _followers = [.. followers];

    /// <inheritdoc />
    public async Task<IReadOnlyList<AddResult>> AddAsync(IReadOnlyList<Documents.NewDocument> documents, CancellationToken cancellationToken)
    {
        var results = await inner.AddAsync(documents, cancellationToken);
        if (results.Any(result => result.Created))
        {
            await CatchUpAsync();
        }

        return results;
    }

    /// <summary>
    /// Adds as <see cref="AddAsync"/> does but leaves the followers alone: for an import that stores batch after batch,
    /// has the followers apply each stored batch (<see cref="ApplyAsync"/>) while it stores the next, and catches
    /// them up (<see cref="CatchUpAsync"/>) after the last, before it answers.
    /// </summary>
    public Task<IReadOnlyList<AddResult>> AddWithoutFollowersAsync(IReadOnlyList<Documents.NewDocument> documents, CancellationToken cancellationToken) =>
        inner.AddAsync(documents, cancellationToken);

    /// <summary>
    /// Has every follower apply the changes committed so far, without making them visible yet
    /// (<see cref="IChangeFeedFollower.ApplyAsync"/>). Not the caller's to cancel, as a catch-up is not.
    /// </summary>
    public async Task ApplyAsync()
    {
        foreach (var follower in _followers)
        {
            await follower.ApplyAsync(CancellationToken.None);
        }
    }

    /// <summary>Has every follower catch up with the changes committed so far and make them visible.</summary>
    public async Task CatchUpAsync()
    {
        foreach (var follower in _followers)
        {
            await follower.CatchUpAsync(CancellationToken.None);
        }
    }

    /// <inheritdoc />
    public async Task<int> ReplaceParsedAsync(IReadOnlyList<ParsedReplacement> replacements, int parserVersion, CancellationToken cancellationToken)
    {
        var replaced = await inner.ReplaceParsedAsync(replacements, parserVersion, cancellationToken);
        if (replaced > 0)
        {
            await CatchUpAsync();
        }

        return replaced;
    }

    /// <inheritdoc />
    public async Task<DeleteOutcome> DeleteAsync(string id, string? expectedEtag, CancellationToken cancellationToken)
    {
        var outcome = await inner.DeleteAsync(id, expectedEtag, cancellationToken);
        if (outcome == DeleteOutcome.Deleted)
        {
            await CatchUpAsync();
        }

        return outcome;
    }

    /// <inheritdoc />
    public async Task<GroupingPage> GroupAsync(GroupingQuery query, CancellationToken cancellationToken)
    {
        var page = await inner.GroupAsync(query, cancellationToken);
        if (page.Changed > 0)
        {
            await CatchUpAsync();
        }

        return page;
    }

    /// <inheritdoc />
    public Task ForgetStoriesAsync(CancellationToken cancellationToken) => inner.ForgetStoriesAsync(cancellationToken);
}
