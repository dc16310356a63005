using System.Diagnostics;
using DocStream.Testing;

namespace DocStream.Server.Tests.Reflection;

/// <summary>
/// Runs the <c>buf</c> CLI: <c>buf curl</c> is an external gRPC client that, like grpcurl, learns the schema through
/// server reflection; <c>buf lint</c> checks the contract.
/// </summary>
internal static class BufCli
{
    public static Task<(int ExitCode, string Output, string Error)> CurlAsync(params string[] arguments) =>
        RunAsync(RepositoryLayout.Root, ["curl", "--protocol", "grpc", "--http2-prior-knowledge", .. arguments]);

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string workingDirectory, params string[] arguments)
    {
        var buf = RepositoryLayout.NodeTool("buf");
        if (!File.Exists(buf))
        {
            throw new InvalidOperationException($"{buf} is missing; run ./test.sh, which installs it with npm.");
        }

        var start = new ProcessStartInfo(buf) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
