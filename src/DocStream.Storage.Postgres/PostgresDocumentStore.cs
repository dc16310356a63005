using DocStream.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DocStream.Storage.Postgres;

/// <summary>The shared store: one PostgreSQL database used by any number of DocStream instances.</summary>
public static class PostgresDocumentStore
{
    /// <summary>Opens the store in the database named by <paramref name="connectionString"/>; call <c>InitializeAsync</c> next.</summary>
    public static RelationalDocumentStore Open(string connectionString) => new(new PostgresDatabase(NpgsqlDataSource.Create(connectionString)));

    /// <summary>
    /// Registers the PostgreSQL store as the <see cref="IDocumentStore"/>, in the database
    /// <paramref name="connectionString"/> names when the store is first needed. The container disposes it, closing
    /// its connection pool.
    /// </summary>
    public static IServiceCollection AddPostgresDocumentStore(this IServiceCollection services, Func<IServiceProvider, string> connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        return services.AddSingleton<IDocumentStore>(provider => Open(connectionString(provider)));
    }
}
