using DocStream.Contracts.V1;

namespace DocStream.Client;

/// <summary>What a <see cref="WatchEvent"/> says.</summary>
public enum WatchEventKind
{
    /// <summary>A document was created, updated or deleted: <see cref="WatchEvent.Change"/>.</summary>
    Change,

    /// <summary>Every document that existed when the watch began has been sent.</summary>
    SnapshotComplete,

    /// <summary>A heartbeat: nothing happened, the position moved on.</summary>
    Progress,
}

/// <summary>
/// One event of a WatchDocuments stream, a large document already reassembled from its chunks: resume a watch with
/// its <see cref="ResumeToken"/> to continue after it.
/// </summary>
/// <param name="Kind">What the event says.</param>
/// <param name="Change">For a change, what happened, with the whole document (null for a deletion).</param>
/// <param name="ResumeToken">Resumes after this event.</param>
/// <param name="Position">The change number the token resumes after.</param>
public sealed record WatchEvent(WatchEventKind Kind, DocumentChange? Change, string ResumeToken, long Position);
