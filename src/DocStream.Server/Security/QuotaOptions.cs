namespace DocStream.Server.Security;

/// <summary>What one caller may use (configuration section <c>Quotas</c>); 0 means no limit.</summary>
public sealed class QuotaOptions
{
    /// <summary>Calls a caller may start per second, in bursts of up to as many.</summary>
    public int RequestsPerSecond { get; set; }

    /// <summary>Streaming calls (streams, watches, searches, imports) a caller may hold open at once.</summary>
    public int ConcurrentStreams { get; set; }
}
