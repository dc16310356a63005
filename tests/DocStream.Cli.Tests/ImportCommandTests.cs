using System.Text;
using DocStream.Cli.Tests.Support;
using DocStream.Contracts.V1;
using DocStream.Testing;

namespace DocStream.Cli.Tests;

[Collection(ScratchServerCollection.Name)]
public sealed class ImportCommandTests(ScratchServerFixture fixture) : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("docstream-cli-import-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task Import_SampleDirectoryTwice_CreatesThenReportsUnchanged()
    {
        var first = await DocstreamCli.RunAsync("import", RepositoryLayout.SampleDirectory, "--address", fixture.Address);
        var second = await DocstreamCli.RunAsync("import", RepositoryLayout.SampleDirectory, "--address", fixture.Address);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal("Imported 5 file(s): 5 created, 0 unchanged, 0 failed", first.Output.Trim());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal("Imported 5 file(s): 0 created, 5 unchanged, 0 failed", second.Output.Trim());
        Assert.DoesNotContain('\u001b', first.Output);
        foreach (var sample in Samples.All)
        {
            var stored = await fixture.Server.Client.GetDocumentAsync(new GetDocumentRequest { Name = sample.Name, View = DocumentView.Basic });
            Assert.Equal(Path.GetFileName(sample.Path), stored.SourceUri);
        }
    }

    [Fact]
    public async Task Import_NonUtf8FileAmongGoodOnes_ReportsItFailedAndExitsNonZero()
    {
        var nested = _directory.CreateSubdirectory("nested");
        var good = Samples.UniqueArticle("مقال سليم");
        await File.WriteAllBytesAsync(Path.Combine(nested.FullName, "good.txt"), good);
        // "مرحبا" in Windows-1256: Arabic, but not UTF-8.
        await File.WriteAllBytesAsync(Path.Combine(_directory.FullName, "bad.txt"), [0xE3, 0xD1, 0xCD, 0xC8, 0xC7, 0x0A]);
        await File.WriteAllTextAsync(Path.Combine(_directory.FullName, "notes.md"), "not a .txt file, not imported");

        var result = await DocstreamCli.RunAsync("import", _directory.FullName, "--address", fixture.Address);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal(
            ["Imported 2 file(s): 1 created, 0 unchanged, 1 failed", "failed: bad.txt: DOCUMENT_NOT_UTF8: the document is not valid UTF-8 (first bad byte at offset 0); convert it to UTF-8 before sending"],
            result.OutputLines);
        var stored = await fixture.Server.Client.GetDocumentAsync(new GetDocumentRequest { Name = Sample.NameOf(good), View = DocumentView.Basic });
        Assert.Equal("nested/good.txt", stored.SourceUri);
    }

    [Fact]
    public async Task Import_MissingPath_FailsWithoutImportingTheOthers()
    {
        var good = Samples.UniqueArticle("مقال لن يرسل");
        var file = Path.Combine(_directory.FullName, "good.txt");
        await File.WriteAllBytesAsync(file, good);
        var missing = Path.Combine(_directory.FullName, "missing.txt");

        var result = await DocstreamCli.RunAsync("import", file, missing, "--address", fixture.Address);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal($"docstream: no such file or directory: {missing}", result.Error.Trim());
        var list = await fixture.Server.Client.ListDocumentsAsync(new ListDocumentsRequest { PageSize = 1000 });
        Assert.DoesNotContain(list.Documents, document => document.Name == Sample.NameOf(good));
    }

    [Fact]
    public async Task Import_ManyFilesOnTerminal_ShowsProgressThenSummary()
    {
        for (var i = 0; i < 25; i++)
        {
            await File.WriteAllBytesAsync(Path.Combine(_directory.FullName, $"article-{i:00}.txt"), Samples.UniqueArticle($"مقال رقم {i}"));
        }

        var result = await DocstreamCli.RunAsync(["import", _directory.FullName, "--address", fixture.Address], terminalWidth: 100, environment: null);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Importing 25 files", result.Output, StringComparison.Ordinal);
        Assert.Contains('\u001b', result.Output);
        Assert.EndsWith("Imported 25 file(s): 25 created, 0 unchanged, 0 failed", result.Output.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_DirectoryWithoutTextFiles_FailsSayingNothingToImport()
    {
        await File.WriteAllTextAsync(Path.Combine(_directory.FullName, "readme.md"), "no articles here", Encoding.UTF8);

        var result = await DocstreamCli.RunAsync("import", _directory.FullName, "--address", fixture.Address);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("nothing to import", result.Error, StringComparison.Ordinal);
    }
}
