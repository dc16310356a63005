using System.CommandLine;
using DocStream.Cli.Commands;

namespace DocStream.Cli;

/// <summary>The <c>docstream</c> command line: parses the arguments and runs the chosen command.</summary>
public static class CliApplication
{
    /// <summary>The server address used when neither <c>--address</c> nor <see cref="AddressVariable"/> gives one.</summary>
    public const string DefaultAddress = "http://127.0.0.1:50051";

    /// <summary>The environment variable that sets the default server address.</summary>
    public const string AddressVariable = "DOCSTREAM_ADDRESS";

    /// <summary>The environment variable that holds the API key (or JWT) when <c>--api-key</c> is not given.</summary>
    public const string ApiKeyVariable = "DOCSTREAM_API_KEY";

    /// <summary>Runs <c>docstream</c> with <paramref name="args"/> on <paramref name="console"/>; returns the exit code.</summary>
    /// <param name="args">The command-line arguments, without the program name.</param>
    /// <param name="console">The streams and environment to use.</param>
    /// <param name="cancellationToken">Cancels the running command (Ctrl+C).</param>
    public static Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken = default)
    {
        var configuration = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            // The caller owns Ctrl+C and passes it in as the cancellation token.
            ProcessTerminationTimeout = null,
        };
        return CreateRootCommand(console).Parse(args).InvokeAsync(configuration, cancellationToken);
    }

    private static RootCommand CreateRootCommand(CliConsole console)
    {
        var address = new Option<string>("--address")
        {
            Description = $"The DocStream server's URL; the default comes from ${AddressVariable} when it is set",
            HelpName = "URL",
            Recursive = true,
            DefaultValueFactory = _ => console.GetEnvironmentVariable(AddressVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : DefaultAddress,
        };
        var apiKey = new Option<string?>("--api-key")
        {
            Description = $"The API key or JWT to send as authorization: Bearer; the default comes from ${ApiKeyVariable} (prefer it: a command line is visible to other users)",
            HelpName = "KEY",
            Recursive = true,
            DefaultValueFactory = _ => console.GetEnvironmentVariable(ApiKeyVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null,
        };
        var context = new CliContext(console, address, apiKey);
        return new RootCommand("docstream: import, read, list, stream, watch, delete and search the documents of a DocStream server, and list its stories")
        {
            Options = { address, apiKey },
            Subcommands =
            {
                new ImportCommand(context),
                new GetCommand(context),
                new ListCommand(context),
                new StreamCommand(context),
                new WatchCommand(context),
                new DeleteCommand(context),
                new SearchCommand(context),
                new StoriesCommand(context),
                new StoryCommand(context),
                new ReindexCommand(context),
            },
        };
    }
}
