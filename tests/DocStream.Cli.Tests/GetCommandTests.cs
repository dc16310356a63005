using DocStream.Testing;
using System.Text.Json;
using DocStream.Cli.Tests.Support;

namespace DocStream.Cli.Tests;

[Collection(SampleServerCollection.Name)]
public sealed class GetCommandTests(SampleCorpusServerFixture fixture)
{
    private static readonly Sample Putin = Samples.All.Single(sample => sample.Path.EndsWith("002_4af9fadfdc09d4ea.txt", StringComparison.Ordinal));
    private const string PutinTitle = "بوتين يعرض المساعدة لإنهاء التصعيد في المنطقة";

    [Fact]
    public async Task Get_Raw_WritesTheFileByteForByte()
    {
        foreach (var sample in Samples.All)
        {
            var result = await DocstreamCli.RunAsync("get", sample.Name, "--raw", "--address", fixture.Address);

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Equal(sample.Bytes, result.OutputBytes);
        }
    }

    [Fact]
    public async Task Get_Json_WritesArabicAsUtf8AndRawContentAsText()
    {
        var result = await DocstreamCli.RunAsync("get", Putin.Name, "--address", fixture.Address);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"\"title\": \"{PutinTitle}\"", result.Output, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(result.OutputBytes);
        var document = json.RootElement;
        Assert.Equal(Putin.Name, document.GetProperty("name").GetString());
        Assert.Equal(Putin.Text, document.GetProperty("raw_content").GetString());
        Assert.Equal(Putin.Bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), document.GetProperty("size_bytes").GetString());
        Assert.NotEmpty(document.GetProperty("body").EnumerateArray());
        Assert.NotEmpty(document.GetProperty("etag").GetString()!);
    }

    [Fact]
    public async Task Get_BareIdWithBasicView_WritesMetadataWithoutContent()
    {
        var id = Putin.Name["documents/".Length..];

        var result = await DocstreamCli.RunAsync("get", id, "--view", "basic", "--address", fixture.Address);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.OutputBytes);
        Assert.Equal(PutinTitle, json.RootElement.GetProperty("title").GetString());
        Assert.False(json.RootElement.TryGetProperty("raw_content", out _));
        Assert.False(json.RootElement.TryGetProperty("body", out _));
    }

    [Fact]
    public async Task Get_UnknownName_ReportsNotFoundWithReasonAndExitsNonZero()
    {
        var name = "documents/" + new string('0', 32);

        var result = await DocstreamCli.RunAsync("get", name, "--address", fixture.Address);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Empty(result.OutputBytes);
        Assert.Equal([$"docstream: NOT_FOUND: {name} does not exist", "  reason: DOCUMENT_NOT_FOUND"], result.Error.TrimEnd().Split(Environment.NewLine));
    }

    [Fact]
    public async Task Get_MalformedName_ReportsInvalidArgumentWithFieldViolation()
    {
        var result = await DocstreamCli.RunAsync("get", "documents/XYZ", "--address", fixture.Address);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.StartsWith("docstream: INVALID_ARGUMENT: name: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("  reason: NAME_INVALID", result.Error, StringComparison.Ordinal);
        Assert.Contains("  field name: ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_RawWithBasicView_IsRejectedAsUsageError()
    {
        var result = await DocstreamCli.RunAsync("get", Putin.Name, "--raw", "--view", "basic", "--address", fixture.Address);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("--raw prints the raw text, which only the full and raw views have", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("parsed", false, true)]
    [InlineData("raw", true, false)]
    public async Task Get_PartialView_WritesTheTextInOneFormOnly(string view, bool hasRawContent, bool hasBody)
    {
        var result = await DocstreamCli.RunAsync("get", Putin.Name, "--view", view, "--address", fixture.Address);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.OutputBytes);
        Assert.Equal(PutinTitle, json.RootElement.GetProperty("title").GetString());
        Assert.Equal(hasRawContent, json.RootElement.TryGetProperty("raw_content", out _));
        Assert.Equal(hasBody, json.RootElement.TryGetProperty("body", out _));
    }

    [Fact]
    public async Task Get_RawWithRawView_WritesTheFileByteForByte()
    {
        var result = await DocstreamCli.RunAsync("get", Putin.Name, "--raw", "--view", "raw", "--address", fixture.Address);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Putin.Bytes, result.OutputBytes);
    }
}
