using DocStream.Contracts.V1;
using DocStream.Core.Stories;
using DocStream.Server.Application;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace DocStream.Server.Grpc;

/// <summary>Stories: the gRPC side validates, calls <see cref="StoryCatalog"/> or <see cref="StoryRegrouper"/>, and maps.</summary>
public sealed partial class DocumentService
{
    /// <inheritdoc />
    public override async Task<ListStoriesResponse> ListStories(ListStoriesRequest request, ServerCallContext context)
    {
        if (request.PageSize < 0)
        {
            throw RpcErrors.InvalidArgument("page_size", "PAGE_SIZE_NEGATIVE",
                $"must be between 0 and {StoryCatalog.MaxPageSize} (0 means {StoryCatalog.DefaultPageSize}); got {request.PageSize}");
        }

        var (stories, nextPageToken) = await storyCatalog.ListAsync(request.PageSize, request.PageToken, context.CancellationToken);
        var response = new ListStoriesResponse { NextPageToken = nextPageToken };
        response.Stories.AddRange(stories.Select(ToMessage));
        return response;
    }

    /// <inheritdoc />
    public override async Task<Story> GetStory(GetStoryRequest request, ServerCallContext context)
    {
        var id = StoryName.TryParse(request.Name, out var parsed, out var reason)
            ? parsed
            : throw RpcErrors.InvalidArgument("name", "NAME_INVALID", reason);
        return ToMessage(await storyCatalog.GetAsync(id, context.CancellationToken));
    }

    /// <inheritdoc />
    public override async Task RegroupStories(RegroupStoriesRequest request, IServerStreamWriter<RegroupStoriesResponse> responseStream, ServerCallContext context)
    {
        if (!regrouper.Enabled)
        {
            throw RpcErrors.StoriesDisabled();
        }

        await foreach (var progress in regrouper.RegroupAllAsync(context.CancellationToken))
        {
            await responseStream.WriteAsync(
                new RegroupStoriesResponse
                {
                    DocumentsRegrouped = progress.Grouped,
                    DocumentsTotal = progress.Total,
                    DocumentsChanged = progress.Changed,
                    Done = progress.Done,
                },
                context.CancellationToken);
        }
    }

    private static Story ToMessage(StorySummary story)
    {
        var message = new Story
        {
            Name = story.Name,
            Title = story.Title,
            DocumentCount = story.DocumentCount,
            NearDuplicateCount = story.NearDuplicateCount,
            UpdateTime = Timestamp.FromDateTimeOffset(story.UpdateTime),
        };
        if (story.FirstPublishedTime is { } first)
        {
            message.FirstPublishedTime = Timestamp.FromDateTimeOffset(first);
        }

        if (story.LastPublishedTime is { } last)
        {
            message.LastPublishedTime = Timestamp.FromDateTimeOffset(last);
        }

        message.Sources.AddRange(story.Sources);
        return message;
    }
}
