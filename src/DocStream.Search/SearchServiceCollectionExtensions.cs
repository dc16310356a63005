using DocStream.Core.Storage;
using DocStream.Search.Indexing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DocStream.Search;

/// <summary>Registers full-text search: the index, what keeps it following the store, and the searcher.</summary>
public static class SearchServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <see cref="SearchIndex"/> kept in the directory <paramref name="indexDirectory"/> gives, the
    /// <see cref="SearchIndexFollower"/> that keeps it following the store's change feed (registered as an
    /// <see cref="IChangeFeedFollower"/>, so writes catch it up), and the <see cref="DocumentSearcher"/>. Needs the
    /// store's <see cref="IChangeFeed"/> and <see cref="IDocumentReader"/>, in any order of registration.
    /// </summary>
    public static IServiceCollection AddDocumentSearch(this IServiceCollection services, Func<IServiceProvider, string> indexDirectory)
    {
        ArgumentNullException.ThrowIfNull(indexDirectory);
        services.TryAddSingleton(provider => SearchIndex.Open(indexDirectory(provider)));
        services.TryAddSingleton<SearchIndexFollower>();
        services.AddSingleton<IChangeFeedFollower>(provider => provider.GetRequiredService<SearchIndexFollower>());
        services.TryAddSingleton<DocumentSearcher>();
        return services;
    }
}
