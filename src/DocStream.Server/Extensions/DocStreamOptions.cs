namespace DocStream.Server.Extensions;

/// <summary>The storage backends the server can run on.</summary>
public enum StorageProvider
{
    /// <summary>One SQLite file in <see cref="StorageOptions.DataDirectory"/>: embedded, one machine.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database at <see cref="StorageOptions.ConnectionString"/>, shared by several instances.</summary>
    Postgres,
}

/// <summary>Where and how documents are stored (configuration section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    /// <summary>The backend, a <see cref="StorageProvider"/> name in any case: <c>Sqlite</c> or <c>Postgres</c>.</summary>
    public string Provider { get; set; } = nameof(StorageProvider.Sqlite);

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
    /// Largest message the server sends, at least 16 KiB. Documents above it are streamed in chunks; keep it at or
    /// below what clients accept (gRPC clients default to 4 MiB).
    /// </summary>
    public int MaxMessageBytes { get; set; } = 4 * 1024 * 1024;
}

/// <summary>The full-text index (configuration section <c>Search</c>).</summary>
public sealed class SearchOptions
{
    /// <summary>
    /// How long changes applied to the index may wait for an index commit. Every write is searchable when it returns
    /// either way; a longer interval syncs the index to disk less often, and a restart after a crash applies up to
    /// this much of the store's change feed again. Zero commits after every write.
    /// </summary>
    public TimeSpan CommitInterval { get; set; } = DocStream.Search.Indexing.SearchIndex.DefaultCommitInterval;
}
