using System.Runtime.CompilerServices;
using System.Threading.Channels;
using DocStream.Core.Storage;
using DocStream.Stories;

namespace DocStream.Server.Application;

/// <summary>
/// Groups stored documents again, oldest first, a batch per transaction: all of them (RegroupStories, after the
/// parameters or the analyzer changed) or only those not grouped yet (at startup: stored with grouping off, before
/// it existed, or not reached by a regrouping that was interrupted). One runs at a time in this process.
/// </summary>
/// <param name="writer">The application's writer: followers catch up after each batch that changed documents.</param>
/// <param name="reader">Counts the documents.</param>
/// <param name="store">Says whether any document is left to group.</param>
/// <param name="options">Whether grouping is on.</param>
/// <param name="lifetime">A regrouping runs until the server stops, not until its caller goes away.</param>
/// <param name="logger">Where a regrouping that failed with nobody listening is reported.</param>
public sealed partial class StoryRegrouper(
    IDocumentWriter writer, IDocumentReader reader, IDocumentStore store, StoryGroupingOptions options, IHostApplicationLifetime lifetime,
    ILogger<StoryRegrouper> logger)
{
    /// <summary>Documents grouped per transaction.</summary>
    public const int BatchSize = 256;

    private readonly SemaphoreSlim _running = new(1, 1);

    /// <summary>Whether this server groups documents at all (<c>Stories:Enabled</c>).</summary>
    public bool Enabled => options.Enabled;

    /// <summary>
    /// Forgets every story and groups every document again; yields the progress after each batch, the last one done.
    /// The work goes on when <paramref name="cancellationToken"/> (the caller's) is cancelled: a regrouping left half
    /// done would leave stories forgotten until the next start finished it.
    /// </summary>
    public IAsyncEnumerable<RegroupProgress> RegroupAllAsync(CancellationToken cancellationToken)
    {
        var progress = Channel.CreateUnbounded<RegroupProgress>();
        _ = Task.Run(async () =>
        {
            try
            {
                await foreach (var step in RunAsync(ungroupedOnly: false, lifetime.ApplicationStopping))
                {
                    progress.Writer.TryWrite(step);
                }

                progress.Writer.Complete();
            }
            catch (Exception ex)
            {
                if (!lifetime.ApplicationStopping.IsCancellationRequested)
                {
                    LogRegroupFailed(ex);
                }

                progress.Writer.Complete(ex);
            }
        }, CancellationToken.None);
        return progress.Reader.ReadAllAsync(cancellationToken);
    }

    /// <summary>Groups the documents that have no story; yields the progress after each batch, the last one done.</summary>
    public IAsyncEnumerable<RegroupProgress> GroupUngroupedAsync(CancellationToken cancellationToken) =>
        RunAsync(ungroupedOnly: true, cancellationToken);

    private async IAsyncEnumerable<RegroupProgress> RunAsync(bool ungroupedOnly, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await _running.WaitAsync(cancellationToken);
        try
        {
            if (ungroupedOnly && await store.Stories.CountUngroupedAsync(cancellationToken) == 0)
            {
                yield return new RegroupProgress(0, 0, 0, Done: true);
                yield break;
            }

            var total = await reader.CountAsync(cancellationToken);
            if (!ungroupedOnly)
            {
                await writer.ForgetStoriesAsync(cancellationToken);
            }

            long after = 0;
            long grouped = 0;
            long changed = 0;
            while (true)
            {
                var page = await writer.GroupAsync(new GroupingQuery(after, BatchSize, ungroupedOnly), cancellationToken);
                grouped += page.Grouped;
                changed += page.Changed;
                after = page.LastSequence;
                if (!page.MoreMayFollow)
                {
                    yield return new RegroupProgress(grouped, Math.Max(total, grouped), changed, Done: true);
                    yield break;
                }

                yield return new RegroupProgress(grouped, Math.Max(total, grouped), changed, Done: false);
            }
        }
        finally
        {
            _running.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Regrouping the stories failed; the next start groups what it did not reach")]
    private partial void LogRegroupFailed(Exception exception);
}

/// <summary>How far a regrouping has come.</summary>
/// <param name="Grouped">Documents grouped so far.</param>
/// <param name="Total">Documents stored when it began (or grouped so far, if more).</param>
/// <param name="Changed">Documents whose story or original changed.</param>
/// <param name="Done">True once every document has been grouped.</param>
public sealed record RegroupProgress(long Grouped, long Total, long Changed, bool Done);
