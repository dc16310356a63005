using System.Text.Json;
using DocStream.Cli.Tests.Support;
using DocStream.Testing;

namespace DocStream.Cli.Tests;

[Collection(SampleServerCollection.Name)]
public sealed class SearchCommandTests(SampleCorpusServerFixture fixture)
{
    // 002, the article about de-escalation, ranks first for التصعيد; three other samples mention it.
    private static Sample DeEscalation => Samples.All[2];

    [Fact]
    public async Task Search_Redirected_PrintsHitsBestFirstWithMatchesInBrackets()
    {
        var result = await DocstreamCli.RunAsync("search", "التصعيد", "--address", fixture.Address);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("1. بوتين يعرض المساعدة لإنهاء التصعيد في المنطقة", result.OutputLines[0]);
        Assert.StartsWith(DeEscalation.Name + "  score ", result.OutputLines[1], StringComparison.Ordinal);
        Assert.Contains("[التصعيد]", result.OutputLines[2], StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', result.Output);
        Assert.DoesNotContain('\uE000', result.Output);
        Assert.Equal("4 hit(s)", result.OutputLines[^1]);
    }

    [Fact]
    public async Task Search_OnTerminal_StylesMatchesInsteadOfBracketing()
    {
        var result = await DocstreamCli.RunAsync(["search", "قرغيزستان", "--address", fixture.Address], terminalWidth: 200, environment: null);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains('\u001b', result.Output);
        Assert.Contains("قرغيزستان", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("[قرغيزستان]", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_LimitAndFilter_CutTheHitsAndSayHowManyMatched()
    {
        var limited = await DocstreamCli.RunAsync("search", "التصعيد", "--limit", "1", "--address", fixture.Address);
        var filtered = await DocstreamCli.RunAsync("search", "التصعيد", "--filter", "source = \"صحيفة الاتحاد\"", "--json", "--address", fixture.Address);

        Assert.True(limited.ExitCode == 0, limited.ToString());
        Assert.Equal("1 of 4 hit(s)", limited.OutputLines[^1]);
        Assert.True(filtered.ExitCode == 0, filtered.ToString());
        Assert.Equal(DeEscalation.Name, Name(Assert.Single(filtered.OutputLines)));
    }

    [Fact]
    public async Task Search_Json_PrintsOneObjectPerHitWithProtoFieldNames()
    {
        var result = await DocstreamCli.RunAsync("search", "اسرائيل", "--json", "--address", fixture.Address);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Samples.All.Select(s => s.Name).Order(), result.OutputLines.Select(Name).Order());
        using var first = JsonDocument.Parse(result.OutputLines[0]);
        Assert.Equal(5, first.RootElement.GetProperty("total_hits").GetInt32());
        Assert.True(first.RootElement.GetProperty("score").GetDouble() > 0);
        Assert.Contains("[", first.RootElement.GetProperty("snippet").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_WordOnlyInTeasers_PrintsNoHits()
    {
        var result = await DocstreamCli.RunAsync("search", "بايدن", "--address", fixture.Address);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["0 hit(s)"], result.OutputLines);
    }

    [Fact]
    public async Task Search_UnterminatedPhrase_ReportsTheQueryFieldAndPosition()
    {
        var result = await DocstreamCli.RunAsync("search", "غزة \"حل الدولتين", "--address", fixture.Address);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.StartsWith("docstream: INVALID_ARGUMENT: query: unterminated phrase", result.Error, StringComparison.Ordinal);
        Assert.Contains("(at character 4)", result.Error, StringComparison.Ordinal);
        Assert.Contains("  reason: QUERY_INVALID", result.Error, StringComparison.Ordinal);
        Assert.Contains("  field query: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_NegativeLimit_IsAUsageError()
    {
        var result = await DocstreamCli.RunAsync("search", "غزة", "--limit", "-1", "--address", fixture.Address);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("--limit cannot be negative", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reindex_SampleServer_PrintsTheIndexedCountAndSearchStillWorks()
    {
        var result = await DocstreamCli.RunAsync("reindex", "--address", fixture.Address);
        var search = await DocstreamCli.RunAsync("search", "التصعيد", "--address", fixture.Address);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("Search index rebuilt: 5 document(s) indexed", result.Output.Trim());
        Assert.Equal("4 hit(s)", search.OutputLines[^1]);
    }

    private static string Name(string jsonLine)
    {
        using var json = JsonDocument.Parse(jsonLine);
        return json.RootElement.GetProperty("name").GetString()!;
    }
}
