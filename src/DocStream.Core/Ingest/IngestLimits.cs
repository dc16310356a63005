namespace DocStream.Core.Ingest;

/// <summary>Limits applied to every document at ingest.</summary>
public sealed class IngestLimits
{
    /// <summary>Largest raw document accepted, in bytes. Default 32 MiB.</summary>
    public long MaxDocumentBytes { get; set; } = 32L * 1024 * 1024;
}
