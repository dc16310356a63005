namespace DocStream.Server.Extensions;

/// <summary>Where and how documents are stored (configuration section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    /// <summary>The backend: <c>Sqlite</c> (embedded, one machine) or <c>Postgres</c> (shared by several instances).</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Directory of the SQLite file (and of local indexes), relative to the working directory unless absolute.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The Npgsql connection string, for the <c>Postgres</c> provider.</summary>
    public string? ConnectionString { get; set; }
}

/// <summary>Size limits (configuration section <c>Limits</c>).</summary>
public sealed class LimitOptions
{
    /// <summary>Largest raw document accepted at ingest, in bytes.</summary>
    public long MaxDocumentBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>
    /// Largest message the server sends. Documents above it are streamed in chunks; keep it at or below what
    /// clients accept (gRPC clients default to 4 MiB).
    /// </summary>
    public int MaxMessageBytes { get; set; } = 4 * 1024 * 1024;
}

/// <summary>The sample corpus (configuration section <c>Corpus</c>).</summary>
public sealed class CorpusOptions
{
    /// <summary>Import the sample corpus when the server starts on an empty store.</summary>
    public bool ImportSamplesWhenEmpty { get; set; } = true;

    /// <summary>Directory of <c>*.txt</c> samples, relative to the application directory unless absolute.</summary>
    public string SampleDirectory { get; set; } = "samples/news";
}
