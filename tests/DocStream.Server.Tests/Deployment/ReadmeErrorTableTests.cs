using System.Text.RegularExpressions;
using DocStream.Testing;

namespace DocStream.Server.Tests.Deployment;

/// <summary>The README's error table lists exactly the <c>ErrorInfo</c> reasons the server's code can return.</summary>
public partial class ReadmeErrorTableTests
{
    [Fact]
    public void ErrorTable_ListsEveryReasonTheServerReturns()
    {
        var inCode = Directory.EnumerateFiles(Path.Combine(RepositoryLayout.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(path => !path.Contains("DocStream.Cli", StringComparison.Ordinal))
            .SelectMany(path => ReasonInCode().Matches(File.ReadAllText(path)).Select(match => match.Groups["reason"].Value))
            .ToHashSet();
        var inReadme = File.ReadAllLines(Path.Combine(RepositoryLayout.Root, "README.md"))
            .Select(line => ReasonInTable().Match(line))
            .Where(match => match.Success)
            .Select(match => match.Groups["reason"].Value)
            .ToHashSet();

        Assert.True(inCode.Count >= 20, $"found only {inCode.Count} reasons in the code; has the way errors are built changed?");
        Assert.Empty(inCode.Except(inReadme).Order());
        Assert.Empty(inReadme.Except(inCode).Order());
    }

    /// <summary>
    /// Where a reason is written: <c>RpcErrors.InvalidArgument(field, "REASON"</c>, <c>Build(Code.X, "REASON"</c>,
    /// <c>new InvalidDocumentException("REASON"</c>, <c>RpcErrors.X("REASON"</c>, and the reason constants of the syntax exceptions.
    /// </summary>
    [GeneratedRegex("""(?:InvalidArgument\([^,;]+,\s*|Build\(Code\.\w+,\s*|InvalidDocumentException\(\s*|RpcErrors\.\w+\(\s*|public const string \w+ = )"(?<reason>[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)"\)?[,;]""")]
    private static partial Regex ReasonInCode();

    /// <summary>A row of the error table: its last cell is the reason in backquotes.</summary>
    [GeneratedRegex("""^\|.*\|\s*`(?<reason>[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)`\s*\|$""")]
    private static partial Regex ReasonInTable();
}
