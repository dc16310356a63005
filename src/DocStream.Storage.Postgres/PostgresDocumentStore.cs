using DocStream.Core.Storage;
using DocStream.Core.Stories;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DocStream.Storage.Postgres;

/// <summary>The shared store: one PostgreSQL database used by any number of DocStream instances.</summary>
public static class PostgresDocumentStore
{
    /// <summary>
    /// Opens the store in the database named by <paramref name="connectionString"/>, grouping added documents with
    /// <paramref name="assigner"/> (none when null); call <c>InitializeAsync</c> next.
    /// </summary>
    public static RelationalDocumentStore Open(string connectionString, IStoryAssigner? assigner = null) =>
        new(new PostgresDatabase(NpgsqlDataSource.Create(connectionString)), assigner);

    /// <summary>
    /// Registers the PostgreSQL store as the <see cref="IDocumentStore"/>, in the database
    /// <paramref name="connectionString"/> names when the store is first needed. The container disposes it, closing
    /// its connection pool. Added documents are grouped with the container's <see cref="IStoryAssigner"/> when one is
    /// registered.
    /// </summary>
    public static IServiceCollection AddPostgresDocumentStore(this IServiceCollection services, Func<IServiceProvider, string> connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        return services.AddSingleton<IDocumentStore>(provider => Open(connectionString(provider), provider.GetService<IStoryAssigner>()));
    }
}
