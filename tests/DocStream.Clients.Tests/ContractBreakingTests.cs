using DocStream.Testing;

namespace DocStream.Clients.Tests;

/// <summary>
/// The contract stays wire- and source-compatible with the committed baseline image (protos/baseline), which is what
/// clients in every language were generated from. See docs/contract.md for when and how the baseline may change.
/// </summary>
public class ContractBreakingTests
{
    private static readonly string Baseline = Path.Combine(RepositoryLayout.Root, "protos", "baseline", "docstream-v1.binpb");

    [Fact]
    public async Task BufBreaking_ContractAgainstBaseline_ReportsNothing()
    {
        var run = await BufBreakingAsync(Path.Combine(RepositoryLayout.Root, "protos"));

        Assert.True(run.ExitCode == 0, run.Transcript);
        Assert.Equal("", run.Output.Trim());
    }

    [Fact]
    public async Task BufBreaking_RenumberedField_ReportsTheChangedNumber()
    {
        var copy = Directory.CreateTempSubdirectory("docstream-contract-");
        try
        {
            CopyDirectory(Path.Combine(RepositoryLayout.Root, "protos"), copy.FullName);
            var documentProto = Path.Combine(copy.FullName, "docstream", "v1", "document.proto");
            var original = await File.ReadAllTextAsync(documentProto);
            Assert.Contains("string title = 5;", original, StringComparison.Ordinal);
            await File.WriteAllTextAsync(documentProto, original.Replace("string title = 5;", "string title = 50;", StringComparison.Ordinal));

            var run = await BufBreakingAsync(copy.FullName);

            Assert.True(run.ExitCode != 0, "buf breaking accepted a renumbered field:\n" + run.Transcript);
            Assert.Contains("docstream/v1/document.proto", run.Output, StringComparison.Ordinal);
            Assert.Contains("field \"5\" with name \"title\"", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }

    private static Task<ChildProcessResult> BufBreakingAsync(string module)
    {
        var buf = RepositoryLayout.NodeTool("buf");
        if (!File.Exists(buf))
        {
            throw new InvalidOperationException($"{buf} is missing; run ./test.sh, which installs it with npm.");
        }

        return ChildProcess.RunAsync(buf, module, ["breaking", ".", "--against", Baseline], timeout: TimeSpan.FromSeconds(60));
    }

    private static void CopyDirectory(string source, string destination)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
