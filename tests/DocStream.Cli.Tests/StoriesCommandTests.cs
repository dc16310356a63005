using System.Text.Json;
using DocStream.Cli.Tests.Support;
using DocStream.Testing;

namespace DocStream.Cli.Tests;

[Collection(SampleServerCollection.Name)]
public sealed class StoriesCommandTests(SampleCorpusServerFixture fixture)
{
    [Fact]
    public async Task Stories_Json_ShowsTheTwoReportsOfOneMondayAsOneStory()
    {
        var result = await DocstreamCli.RunAsync("stories", "--all", "--json", "--address", fixture.Address);

        Assert.True(result.ExitCode == 0, result.ToString());
        var stories = result.OutputLines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        var storyOfSample = new List<string>();
        foreach (var sample in Samples.All)
        {
            storyOfSample.Add(await StoryOfAsync(sample));
        }

        var monday = stories.Single(story => story.GetProperty("name").GetString() == storyOfSample[0]);
        // int64 is a string in the protobuf JSON mapping.
        Assert.True(long.Parse(monday.GetProperty("document_count").GetString()!, System.Globalization.CultureInfo.InvariantCulture) >= 2);
        Assert.Equal(storyOfSample[0], storyOfSample[1]);
        Assert.Equal(4, storyOfSample.Distinct().Count());
    }

    [Fact]
    public async Task Story_Table_ListsItsDocuments()
    {
        var story = await StoryOfAsync(Samples.All[0]);

        var result = await DocstreamCli.RunAsync("story", story["stories/".Length..], "--address", fixture.Address);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(Samples.All[0].Name, result.Output, StringComparison.Ordinal);
        Assert.Contains(Samples.All[1].Name, result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Samples.All[2].Name, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Story_Unknown_FailsWithTheServersNotFound()
    {
        var result = await DocstreamCli.RunAsync("story", new string('0', 32), "--address", fixture.Address);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("STORY_NOT_FOUND", result.Error, StringComparison.Ordinal);
    }

    private async Task<string> StoryOfAsync(Sample sample)
    {
        var result = await DocstreamCli.RunAsync("get", sample.Name, "--view", "basic", "--address", fixture.Address);
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonDocument.Parse(result.Output).RootElement.GetProperty("story").GetString()!;
    }
}
