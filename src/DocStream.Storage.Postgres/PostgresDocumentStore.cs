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
        new(new PostgresDatabase(CreateDataSource(connectionString)), assigner);

    /// <summary>
    /// Statements each connection prepares once it has run them a few times, unless the connection string sets
    /// <c>Max Auto Prepare</c> itself (0 turns it off, as a pooler that cannot keep prepared statements needs).
    /// </summary>
    public const int DefaultMaxAutoPrepare = 64;

    /// <summary>
    /// The connections of <paramref name="connectionString"/>. Npgsql prepares nothing by default, and the writer's
    /// statements recur with every document (grouping's lookups are several per document): prepared, PostgreSQL
    /// plans them once per connection instead of at every call (bench/RESULTS.md).
    /// </summary>
    internal static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        return builder.Build();
    }

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
