using DocStream.Cli.Tests.Support;
using DocStream.Contracts.V1;
using DocStream.Testing;

namespace DocStream.Cli.Tests;

/// <summary>
/// <c>docstream import</c> over ImportDocumentBatches when the connection drops mid-import: it resumes after the last
/// acknowledged batch, and the items it sends again are stored once.
/// </summary>
[Collection(ScratchServerCollection.Name)]
public sealed class ImportResumeTests(ScratchServerFixture fixture) : IDisposable
{
    // More than two of the server's full batches (256), so that several acknowledgements come.
    private const int Files = 600;

    // Past the first acknowledgement (256 results of about 70 bytes), short of the last.
    private const long CutAfterBytes = 26_000;

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("docstream-cli-import-resume-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task Import_ConnectionDroppedMidImport_ResumesAfterTheLastAcknowledgementAndStoresEveryFileOnce()
    {
        var names = await WriteArticlesAsync();
        await using var proxy = DroppingProxy.Start(fixture.Address, connection => connection == 1 ? CutAfterBytes : long.MaxValue);

        var result = await DocstreamCli.RunAsync("import", _directory.FullName, "--address", proxy.Address);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(1, proxy.Dropped);
        Assert.Contains("docstream: the import broke (UNAVAILABLE: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("resuming after the last acknowledged file in 0.5 s (retry 1 of 5)", result.Error, StringComparison.Ordinal);
        var summary = SummaryOf(result);
        // A file the server committed before the cut but had not acknowledged comes back unchanged the second time.
        Assert.Equal((Files, 0), (summary.Created + summary.Unchanged, summary.Failed));
        // The files acknowledged before the cut keep their CREATED; the first acknowledgement holds a full batch, or
        // fewer when the server found the client's input waiting, so only some such files are certain.
        Assert.True(summary.Created >= 1, result.ToString());
        foreach (var name in names)
        {
            await fixture.Server.Client.GetDocumentAsync(new GetDocumentRequest { Name = name, View = DocumentView.Basic });
        }
    }

    [Fact]
    public async Task Import_ConnectionKeepsDropping_StopsAfterItsRetriesAndReportsWhatWasStored()
    {
        await WriteArticlesAsync();
        await using var proxy = DroppingProxy.Start(fixture.Address, connection => connection == 1 ? CutAfterBytes : 100);

        var result = await DocstreamCli.RunAsync("import", _directory.FullName, "--retries", "1", "--address", proxy.Address);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.True(proxy.Connections == 2, result.ToString());
        Assert.Contains("(retry 1 of 1)", result.Error, StringComparison.Ordinal);
        Assert.Contains($"file(s) were stored or answered; importing the same paths again stores only the rest", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        var summary = SummaryOf(result);
        Assert.InRange(summary.Created + summary.Unchanged, 0, Files - 1);
    }

    /// <summary>Writes <see cref="Files"/> new articles of about 5 KiB; their document names.</summary>
    private async Task<List<string>> WriteArticlesAsync()
    {
        var names = new List<string>();
        for (var i = 0; i < Files; i++)
        {
            var content = Samples.UniqueArticle($"مقال مستأنف {i}", minimumBytes: 5_000);
            await File.WriteAllBytesAsync(Path.Combine(_directory.FullName, $"article-{i:00}.txt"), content);
            names.Add(Sample.NameOf(content));
        }

        return names;
    }

    private static (int Created, int Unchanged, int Failed) SummaryOf(CliResult result)
    {
        var line = Assert.Single(result.OutputLines, line => line.StartsWith("Imported ", StringComparison.Ordinal));
        var match = System.Text.RegularExpressions.Regex.Match(line, @"^Imported \d+ file\(s\): (\d+) created, (\d+) unchanged, (\d+) failed$");
        Assert.True(match.Success, line);
        return (int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value), int.Parse(match.Groups[3].Value));
    }
}
