using DocStream.Core.Storage;
using DocStream.Storage.Postgres;
using DocStream.Storage.Sqlite;
using Microsoft.Extensions.Options;

namespace DocStream.Server.Extensions;

/// <summary>Wires the configured storage backend and hands its roles to the application.</summary>
public static class DocStreamStorageExtensions
{
    /// <summary>The SQLite file's name in <see cref="StorageOptions.DataDirectory"/>.</summary>
    public const string SqliteFileName = "docstream.db";

    /// <summary>
    /// Registers the backend that <c>Storage:Provider</c> names, through that backend's own <c>Add...DocumentStore</c>,
    /// and the store's roles: <see cref="IDocumentReader"/>, <see cref="IChangeFeed"/>, <see cref="IKeyStore"/>, and
    /// the <see cref="FollowedDocumentWriter"/> (also the <see cref="IDocumentWriter"/>) after whose writes every
    /// <see cref="IChangeFeedFollower"/> catches up.
    /// </summary>
    /// <exception cref="InvalidOperationException">The provider is not one of <see cref="StorageProvider"/>.</exception>
    public static WebApplicationBuilder AddDocStreamStorage(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var section = builder.Configuration.GetSection("Storage");
        services.Configure<StorageOptions>(section);
        var configured = section.Get<StorageOptions>() ?? new StorageOptions();
        // Names only: Enum.TryParse would also take "1" for Postgres.
        if (!Enum.GetNames<StorageProvider>().Contains(configured.Provider, StringComparer.OrdinalIgnoreCase)
            || !Enum.TryParse<StorageProvider>(configured.Provider, ignoreCase: true, out var provider))
        {
            throw new InvalidOperationException(
                $"Storage:Provider \"{configured.Provider}\" is not supported; use one of {string.Join(", ", Enum.GetNames<StorageProvider>().Select(name => $"\"{name}\""))}.");
        }

        _ = provider == StorageProvider.Postgres
            ? services.AddPostgresDocumentStore(serviceProvider => Options(serviceProvider).ConnectionString
                ?? throw new InvalidOperationException("Storage:Provider is Postgres but Storage:ConnectionString is not set."))
            : services.AddSqliteDocumentStore(serviceProvider => Path.Combine(Options(serviceProvider).DataDirectory, SqliteFileName));

        services.AddSingleton(serviceProvider => serviceProvider.GetRequiredService<IDocumentStore>().Reader);
        services.AddSingleton(serviceProvider => serviceProvider.GetRequiredService<IDocumentStore>().Changes);
        services.AddSingleton(serviceProvider => serviceProvider.GetRequiredService<IDocumentStore>().Keys);
        services.AddSingleton(serviceProvider => new FollowedDocumentWriter(
            serviceProvider.GetRequiredService<IDocumentStore>().Writer, serviceProvider.GetServices<IChangeFeedFollower>()));
        services.AddSingleton<IDocumentWriter>(serviceProvider => serviceProvider.GetRequiredService<FollowedDocumentWriter>());
        return builder;
    }

    private static StorageOptions Options(IServiceProvider serviceProvider) => serviceProvider.GetRequiredService<IOptions<StorageOptions>>().Value;
}
