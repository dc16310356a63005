using DocStream.Search;
using Microsoft.Extensions.Options;

namespace DocStream.Server.Extensions;

/// <summary>Wires full-text search into the host.</summary>
public static class DocStreamSearchExtensions
{
    /// <summary>The index's directory, under <see cref="StorageOptions.DataDirectory"/>.</summary>
    public const string IndexDirectoryName = "search-index";

    /// <summary>
    /// Adds search (<see cref="SearchServiceCollectionExtensions.AddDocumentSearch"/>) with its Lucene index in
    /// <c>{DataDirectory}/search-index</c>, following the store's change feed and rebuilt at startup when missing or
    /// stale. Independent of the order of the other registrations.
    /// </summary>
    public static WebApplicationBuilder AddDocStreamSearch(this WebApplicationBuilder builder)
    {
        builder.Services.AddDocumentSearch(provider =>
            Path.Combine(provider.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory, IndexDirectoryName));
        return builder;
    }
}
