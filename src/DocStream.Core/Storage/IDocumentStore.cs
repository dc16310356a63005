namespace DocStream.Core.Storage;

/// <summary>
/// A storage backend: durable documents ordered by insertion, handed out by role. Implementations keep the raw
/// bytes exactly as given. The application takes the roles it needs (<see cref="IDocumentWriter"/>,
/// <see cref="IDocumentReader"/>, <see cref="IChangeFeed"/>, <see cref="Stories.IStoryReader"/>, <see cref="IKeyStore"/>), never the whole store.
/// Disposing it closes its connections.
/// </summary>
public interface IDocumentStore : IAsyncDisposable
{
    /// <summary>Writes: add, re-parse, delete.</summary>
    IDocumentWriter Writer { get; }

    /// <summary>Reads by id and by query.</summary>
    IDocumentReader Reader { get; }

    /// <summary>Every write in commit order, for what follows the store (search indexes).</summary>
    IChangeFeed Changes { get; }

    /// <summary>Stories: the groups of documents that report one event.</summary>
    Stories.IStoryReader Stories { get; }

    /// <summary>Secrets shared by every instance on the same store.</summary>
    IKeyStore Keys { get; }

    /// <summary>Opens the store, creating or migrating its schema. Call once before anything else.</summary>
    /// <exception cref="InvalidOperationException">The schema is newer than this build knows.</exception>
    Task InitializeAsync(CancellationToken cancellationToken);
}
