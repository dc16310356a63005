using DocStream.Core.Storage;
using DocStream.Core.Stories;

namespace DocStream.Storage;

/// <summary>
/// The document store over any <see cref="RelationalDatabase"/>: each role is its own small class over the same
/// database, in the SQL dialect SQLite and PostgreSQL share. Disposing the store disposes the database.
/// </summary>
public sealed class RelationalDocumentStore : IDocumentStore
{
    private readonly RelationalDatabase _database;

    /// <summary>
    /// Makes the store over <paramref name="database"/>, which it then owns, grouping added documents with
    /// <paramref name="assigner"/> (none when null).
    /// </summary>
    public RelationalDocumentStore(RelationalDatabase database, IStoryAssigner? assigner = null)
    {
        _database = database;
        var reader = new RelationalDocumentReader(database);
        Reader = reader;
        Writer = new RelationalDocumentWriter(database, reader, assigner);
        Stories = new RelationalStoryReader(database);
        Changes = new RelationalChangeFeed(database);
        Keys = new RelationalKeyStore(database);
    }

    /// <inheritdoc />
    public IDocumentWriter Writer { get; }

    /// <inheritdoc />
    public IDocumentReader Reader { get; }

    /// <inheritdoc />
    public IChangeFeed Changes { get; }

    /// <inheritdoc />
    public IStoryReader Stories { get; }

    /// <inheritdoc />
    public IKeyStore Keys { get; }

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken) => _database.MigrateAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
