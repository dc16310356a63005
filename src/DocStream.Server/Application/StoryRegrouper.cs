using System.Runtime.CompilerServices;
using DocStream.Core.Storage;
using DocStream.Stories;

namespace DocStream.Server.Application;

/// <summary>
/// Groups stored documents again, oldest first, a batch per transaction: all of them (RegroupStories, after the
/// parameters or the analyzer changed) or only those stored before grouping existed (at startup). One runs at a
/// time in this process.
/// </summary>
/// <param name="writer">The application's writer: followers catch up after each batch that changed documents.</param>
/// <param name="reader">Counts the documents.</param>
/// <param name="options">Whether grouping is on.</param>
public sealed class StoryRegrouper(IDocumentWriter writer, IDocumentReader reader, StoryGroupingOptions options)
{
    /// <summary>Documents grouped per transaction.</summary>
    public const int BatchSize = 256;

    private readonly SemaphoreSlim _running = new(1, 1);

    /// <summary>Whether this server groups documents at all (<c>Stories:Enabled</c>).</summary>
    public bool Enabled => options.Enabled;

    /// <summary>Forgets every story and groups every document again; yields the progress after each batch, the last one done.</summary>
    public IAsyncEnumerable<RegroupProgress> RegroupAllAsync(CancellationToken cancellationToken) =>
        RunAsync(ungroupedOnly: false, cancellationToken);

    /// <summary>Groups the documents that have no story; yields the progress after each batch, the last one done.</summary>
    public IAsyncEnumerable<RegroupProgress> GroupUngroupedAsync(CancellationToken cancellationToken) =>
        RunAsync(ungroupedOnly: true, cancellationToken);

    private async IAsyncEnumerable<RegroupProgress> RunAsync(bool ungroupedOnly, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await _running.WaitAsync(cancellationToken);
        try
        {
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
}

/// <summary>How far a regrouping has come.</summary>
/// <param name="Grouped">Documents grouped so far.</param>
/// <param name="Total">Documents stored when it began (or grouped so far, if more).</param>
/// <param name="Changed">Documents whose story or original changed.</param>
/// <param name="Done">True once every document has been grouped.</param>
public sealed record RegroupProgress(long Grouped, long Total, long Changed, bool Done);
