using DocStream.Testing;
using System.Text.Json;
using System.Text.RegularExpressions;
using DocStream.Cli.Tests.Support;

namespace DocStream.Cli.Tests;

[Collection(SampleServerCollection.Name)]
public sealed partial class ListCommandTests(SampleCorpusServerFixture fixture)
{
    [Fact]
    public async Task List_AllWithPagesOfTwo_ReturnsEverySampleOnce()
    {
        var result = await DocstreamCli.RunAsync("list", "--all", "--page-size", "2", "--json", "--address", fixture.Address);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Samples.All.Select(sample => sample.Name).Order(), Names(result.OutputLines).Order());
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task List_OnePage_PrintsTokenThatContinuesWithTheNextPage()
    {
        var first = await DocstreamCli.RunAsync("list", "--page-size", "2", "--json", "--address", fixture.Address);
        var token = PageToken().Match(first.Error).Groups[1].Value;
        var second = await DocstreamCli.RunAsync("list", "--page-size", "2", "--json", "--page-token", token, "--address", fixture.Address);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.NotEmpty(token);
        Assert.Equal(2, first.OutputLines.Length);
        Assert.Equal(2, second.OutputLines.Length);
        Assert.Empty(Names(first.OutputLines).Intersect(Names(second.OutputLines)));
    }

    [Fact]
    public async Task List_Table_ShowsEachTitleInArabic()
    {
        var result = await DocstreamCli.RunAsync("list", "--address", fixture.Address);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("بوتين يعرض المساعدة لإنهاء التصعيد في المنطقة", result.Output, StringComparison.Ordinal);
        foreach (var sample in Samples.All)
        {
            Assert.Contains(sample.Name, result.Output, StringComparison.Ordinal);
        }

        Assert.Equal("5 document(s)", result.OutputLines[^1]);
    }

    [Fact]
    public async Task List_FilterWithSyntaxError_ReportsFilterFieldViolation()
    {
        var result = await DocstreamCli.RunAsync("list", "--filter", "title ~ \"x\"", "--address", fixture.Address);

        CliAssert.RejectedField(result, "filter", "FILTER_INVALID");
    }

    private static IEnumerable<string> Names(IEnumerable<string> jsonLines) =>
        jsonLines.Select(line =>
        {
            using var json = JsonDocument.Parse(line);
            return json.RootElement.GetProperty("name").GetString()!;
        }).ToArray();

    [GeneratedRegex("--page-token (\\S+)")]
    private static partial Regex PageToken();
}
