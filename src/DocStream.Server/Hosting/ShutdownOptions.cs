namespace DocStream.Server.Hosting;

/// <summary>How the server stops on SIGTERM (configuration section <c>Shutdown</c>).</summary>
public sealed class ShutdownOptions
{
    /// <summary>
    /// How long calls in flight at SIGTERM may go on before they are ended with UNAVAILABLE <c>SERVER_SHUTTING_DOWN</c>:
    /// streams after their last message, imports after committing what they read. Watches end at once: they never end
    /// by themselves.
    /// </summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Time after the drain for the calls it ended to commit and answer, and for Kestrel to close its connections;
    /// the host's shutdown timeout is <see cref="DrainTimeout"/> plus this.
    /// </summary>
    public static TimeSpan CompletionGrace { get; } = TimeSpan.FromSeconds(10);
}
