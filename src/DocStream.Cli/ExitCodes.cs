namespace DocStream.Cli;

/// <summary>The process exit codes of <c>docstream</c>.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>
    /// The command failed: the server answered with an error, could not be reached, an import item was rejected,
    /// or the command line was wrong.
    /// </summary>
    public const int Failure = 1;

    /// <summary>
    /// The user interrupted the command (Ctrl+C), as shells report SIGINT. Not for <c>watch</c>, which runs until it
    /// is interrupted and then exits with <see cref="Success"/>.
    /// </summary>
    public const int Cancelled = 130;
}
