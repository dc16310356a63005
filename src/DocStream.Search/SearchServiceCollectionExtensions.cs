using DocStream.Core.Storage;
using DocStream.Search.Indexing;
using Microsoft.Extensions.DependencyInjection;

namespace DocStream.Search;

/// <summary>Registers full-text search: the index, what keeps it following the store, and the searcher.</summary>
public static class SearchServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <see cref="SearchIndex"/> kept in the directory <paramref name="indexDirectory"/> gives, the
    /// <see cref="SearchIndexFollower"/> that keeps it following the store's change feed (registered as an
    /// <see cref="IChangeFeedFollower"/>, so writes catch it up), and the <see cref="DocumentSearcher"/>. Needs the
    /// store's <see cref="IChangeFeed"/> and <see cref="IDocumentReader"/>, in any order of registration. Calling it
    /// again adds nothing.
    /// </summary>
    /// <param name="services">The container.</param>
    /// <param name="indexDirectory">The index's own directory.</param>
    /// <param name="commitInterval">The index's <see cref="SearchIndex.CommitInterval"/>; its default when null.</param>
    public static IServiceCollection AddDocumentSearch(
        this IServiceCollection services, Func<IServiceProvider, string> indexDirectory, TimeSpan? commitInterval = null)
    {
        ArgumentNullException.ThrowIfNull(indexDirectory);
        if (services.Any(descriptor => descriptor.ServiceType == typeof(SearchIndexFollower)))
        {
            return services;
        }

        services.AddSingleton(provider => SearchIndex.Open(indexDirectory(provider), commitInterval));
        services.AddSingleton<SearchIndexFollower>();
        // The same instance: one gate, one index.
        services.AddSingleton<IChangeFeedFollower>(provider => provider.GetRequiredService<SearchIndexFollower>());
        services.AddSingleton<DocumentSearcher>();
        return services;
    }
}
