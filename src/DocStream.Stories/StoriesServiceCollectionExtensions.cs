using DocStream.Core.Stories;
using Microsoft.Extensions.DependencyInjection;

namespace DocStream.Stories;

/// <summary>Registers same-story grouping.</summary>
public static class StoriesServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <see cref="IStoryAssigner"/> the stores group added documents with, when <paramref name="options"/>
    /// enables grouping; adds nothing otherwise, and the stores then leave documents without a story.
    /// </summary>
    public static IServiceCollection AddStoryGrouping(this IServiceCollection services, StoryGroupingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Enabled)
        {
            services.AddSingleton<IStoryAssigner>(new StoryAssigner(options));
        }

        services.AddSingleton(options);
        return services;
    }
}
