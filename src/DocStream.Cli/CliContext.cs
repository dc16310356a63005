using System.CommandLine;

namespace DocStream.Cli;

/// <summary>What every command shares: the console it writes to and the global <c>--address</c> and <c>--api-key</c> options.</summary>
/// <param name="Console">The standard streams and environment.</param>
/// <param name="Address">The recursive <c>--address</c> option of the root command.</param>
/// <param name="ApiKey">The recursive <c>--api-key</c> option of the root command.</param>
internal sealed record CliContext(CliConsole Console, Option<string> Address, Option<string?> ApiKey);
