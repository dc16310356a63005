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

    private async Task CatchUpAsync()
    {
        foreach (var follower in _followers)
        {
            await follower.CatchUpAsync(CancellationToken.None);
        }
    }
}
