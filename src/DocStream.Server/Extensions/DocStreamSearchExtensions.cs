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
    /// stale, committed as <see cref="SearchOptions.CommitInterval"/> says. Independent of the order of the other
    /// registrations.
    /// </summary>
    public static WebApplicationBuilder AddDocStreamSearch(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Search").Get<SearchOptions>() ?? new SearchOptions();
        if (options.CommitInterval < TimeSpan.Zero)
        {
            throw new InvalidOperationException($"Search:CommitInterval must not be negative; it is {options.CommitInterval}.");
        }

        builder.Services.AddDocumentSearch(
            provider => Path.Combine(provider.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory, IndexDirectoryName),
            options.CommitInterval);
        return builder;
    }
}
