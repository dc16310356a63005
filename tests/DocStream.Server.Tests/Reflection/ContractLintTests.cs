using DocStream.Testing;

namespace DocStream.Server.Tests.Reflection;

public class ContractLintTests
{
    [Fact]
    public async Task BufLint_Contract_ReportsNothing()
    {
        var (exitCode, output, error) = await BufCli.RunAsync(Path.Combine(RepositoryLayout.Root, "protos"), "lint");

        Assert.True(exitCode == 0, output + error);
        Assert.Equal("", output.Trim());
    }
}
