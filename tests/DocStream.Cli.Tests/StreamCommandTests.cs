using DocStream.Testing;
using System.Text.Json;
using DocStream.Cli.Tests.Support;
using DocStream.Contracts.V1;

namespace DocStream.Cli.Tests;

[Collection(SampleServerCollection.Name)]
public sealed class StreamCommandTests(SampleCorpusServerFixture fixture)
{
    [Fact]
    public async Task Stream_WholeCorpus_WritesOneParsableJsonLinePerDocument()
    {
        var result = await DocstreamCli.RunAsync("stream", "--address", fixture.Address);

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.OutputLines.Select(Parse).ToArray();
        Assert.Equal(5, lines.Length);
        Assert.All(lines, line => Assert.NotEmpty(line.ResumeToken));
        Assert.Equal(Samples.All.Select(sample => sample.Name).Order(), lines.Select(line => line.Name).Order());
        foreach (var sample in Samples.All)
        {
            Assert.Equal(sample.Text, lines.Single(line => line.Name == sample.Name).RawContent);
        }
    }

    [Fact]
    public async Task Stream_ResumeFromSecondToken_WritesOnlyTheRest()
    {
        var all = (await DocstreamCli.RunAsync("stream", "--view", "basic", "--address", fixture.Address)).OutputLines.Select(Parse).ToArray();

        var result = await DocstreamCli.RunAsync("stream", "--view", "basic", "--resume", all[1].ResumeToken, "--address", fixture.Address);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(all.Skip(2).Select(line => line.Name), result.OutputLines.Select(line => Parse(line).Name));
    }

    [Fact]
    public async Task Stream_ResumeTokenOfAnotherView_ReportsInvalidResumeToken()
    {
        var basic = Parse((await DocstreamCli.RunAsync("stream", "--view", "basic", "--address", fixture.Address)).OutputLines[0]);

        var result = await DocstreamCli.RunAsync("stream", "--view", "full", "--resume", basic.ResumeToken, "--address", fixture.Address);

        CliAssert.RejectedField(result, "resume_token", "TOKEN_INVALID");
        Assert.DoesNotContain("run it again", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_ConnectionDroppedMidStream_ResumesAndWritesEveryDocumentOnce()
    {
        var cut = await FirstDocumentAndSomeAsync();
        await using var proxy = DroppingProxy.Start(fixture.Address, connection => connection == 1 ? cut : long.MaxValue);

        var result = await DocstreamCli.RunAsync("stream", "--address", proxy.Address);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(1, proxy.Dropped);
        Assert.Equal(2, proxy.Connections);
        Assert.Contains("docstream: the stream broke (UNAVAILABLE: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("resuming from the last resume token in 0.5 s (retry 1 of 5)", result.Error, StringComparison.Ordinal);
        var names = result.OutputLines.Select(line => Parse(line).Name).ToArray();
        Assert.Equal(Samples.All.Select(sample => sample.Name).Order(), names.Order());
    }

    [Fact]
    public async Task Stream_ConnectionKeepsDropping_GivesUpAfterRetriesWithResumeHint()
    {
        var cut = await FirstDocumentAndSomeAsync();
        await using var proxy = DroppingProxy.Start(fixture.Address, connection => connection == 1 ? cut : 100);

        var result = await DocstreamCli.RunAsync("stream", "--retries", "2", "--address", proxy.Address);

        Assert.True(result.ExitCode == ExitCodes.Failure && result.OutputLines.Length > 0, result.ToString());
        Assert.Equal(3, proxy.Connections);
        Assert.Contains("(retry 2 of 2)", result.Error, StringComparison.Ordinal);
        Assert.Contains("UNAVAILABLE: ", result.Error, StringComparison.Ordinal);
        var lastToken = Parse(result.OutputLines[^1]).ResumeToken;
        Assert.EndsWith($"docstream: to continue where this stream stopped, run it again with --resume {lastToken}", result.Error.TrimEnd(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    /// <summary>
    /// A byte count of a FULL stream that holds the first document whole but not all five (about 115 KB): its
    /// message plus 20 KiB, because the client passes on an HTTP/2 DATA frame (up to 16 KiB) only once it has all of
    /// it, and the frame that ends the first document may run on that far.
    /// </summary>
    private async Task<long> FirstDocumentAndSomeAsync()
    {
        using var call = fixture.Server.Client.StreamDocuments(new StreamDocumentsRequest());
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        return call.ResponseStream.Current.CalculateSize() + (20 * 1024);
    }

    private static StreamLine Parse(string line)
    {
        using var json = JsonDocument.Parse(line);
        var document = json.RootElement.GetProperty("document");
        return new StreamLine(
            json.RootElement.GetProperty("resume_token").GetString()!,
            document.GetProperty("name").GetString()!,
            document.TryGetProperty("raw_content", out var raw) ? raw.GetString() : null);
    }

    private sealed record StreamLine(string ResumeToken, string Name, string? RawContent);
}
