using DocStream.Server.Application;
using DocStream.Stories;

namespace DocStream.Server.Extensions;

/// <summary>Wires same-story grouping into the host.</summary>
public static class DocStreamStoriesExtensions
{
    /// <summary>
    /// Adds grouping as the <c>Stories</c> section configures it (<see cref="StoriesServiceCollectionExtensions.AddStoryGrouping"/>,
    /// which the stores pick up), the story catalog and the regrouper.
    /// </summary>
    /// <exception cref="InvalidOperationException">A parameter is out of range.</exception>
    public static WebApplicationBuilder AddDocStreamStories(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(StoryGroupingOptions.SectionName).Get<StoryGroupingOptions>() ?? new StoryGroupingOptions();
        if (options.Window < TimeSpan.Zero || options.RecentDocuments < 0
            || options.CopySimilarity is <= 0 or > 1 || options.StorySimilarity is <= 0 or > 1 || options.UndatedStorySimilarity is <= 0 or > 1)
        {
            throw new InvalidOperationException(
                "Stories: Window and RecentDocuments must not be negative, and CopySimilarity, StorySimilarity and UndatedStorySimilarity must be above 0 and at most 1.");
        }

        builder.Services.AddStoryGrouping(options);
        builder.Services.AddSingleton<StoryCatalog>();
        builder.Services.AddSingleton<StoryRegrouper>();
        return builder;
    }
}
