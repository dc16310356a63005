using DocStream.Core.Storage;
using DocStream.Core.Stories;
using Microsoft.Extensions.DependencyInjection;

namespace DocStream.Storage.Sqlite;

/// <summary>The embedded store: one SQLite file on one machine.</summary>
public static class SqliteDocumentStore
{
    /// <summary>
    /// Opens (or creates) the store in the SQLite file at <paramref name="path"/>, grouping added documents with
    /// <paramref name="assigner"/> (none when null); call <c>InitializeAsync</c> next.
    /// </summary>
    public static RelationalDocumentStore Open(string path, IStoryAssigner? assigner = null) => new(SqliteDatabase.Open(path), assigner);

    /// <summary>
    /// Registers the SQLite store as the <see cref="IDocumentStore"/>, in the file <paramref name="path"/> gives when
    /// the store is first needed, grouping added documents with the container's <see cref="IStoryAssigner"/> when one is
    /// registered. The container disposes it, closing the file.
    /// </summary>
    public static IServiceCollection AddSqliteDocumentStore(this IServiceCollection services, Func<IServiceProvider, string> path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return services.AddSingleton<IDocumentStore>(provider => Open(path(provider), provider.GetService<IStoryAssigner>()));
    }
}
