using DocStream.Core.Storage;
using DocStream.Search;
using DocStream.Search.Indexing;
using Microsoft.Extensions.Options;

namespace DocStream.Server.Extensions;

/// <summary>Wires full-text search into the host.</summary>
public static class DocStreamSearchExtensions
{
    /// <summary>The index's directory, under <see cref="StorageOptions.DataDirectory"/>.</summary>
    public const string IndexDirectoryName = "search-index";

    /// <summary>
    /// Wraps the store registered by <see cref="DocStreamServiceExtensions.AddDocStreamServices"/> in a
    /// <see cref="SearchIndexingDocumentStore"/>, which keeps the Lucene index in <c>{DataDirectory}/search-index</c>
    /// following the store's change feed (rebuilt at startup when missing or stale), and adds the
    /// <see cref="DocumentSearcher"/>. Call after <c>AddDocStreamServices</c>.
    /// </summary>
    public static WebApplicationBuilder AddDocStreamSearch(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var inner = services.LastOrDefault(d => d.ServiceType == typeof(IDocumentStore))
            ?? throw new InvalidOperationException("AddDocStreamSearch wraps the document store: call AddDocStreamServices first.");
        services.Remove(inner);
        services.AddSingleton(provider =>
            SearchIndex.Open(Path.Combine(provider.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory, IndexDirectoryName)));
        services.AddSingleton(provider => new SearchIndexingDocumentStore(
            CreateInner(provider, inner), provider.GetRequiredService<SearchIndex>(), provider.GetRequiredService<ILogger<SearchIndexingDocumentStore>>()));
        services.AddSingleton<IDocumentStore>(provider => provider.GetRequiredService<SearchIndexingDocumentStore>());
        services.AddSingleton<DocumentSearcher>();
        return builder;
    }

    private static IDocumentStore CreateInner(IServiceProvider provider, ServiceDescriptor descriptor) =>
        descriptor.ImplementationInstance as IDocumentStore
        ?? descriptor.ImplementationFactory?.Invoke(provider) as IDocumentStore
        ?? (IDocumentStore)ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType
            ?? throw new InvalidOperationException("The registered IDocumentStore has no implementation."));
}
