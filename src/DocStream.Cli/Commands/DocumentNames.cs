namespace DocStream.Cli.Commands;

/// <summary>Resource names as the user may type them.</summary>
internal static class DocumentNames
{
    /// <summary>
    /// The resource name for <paramref name="value"/> in the collection <paramref name="prefix"/>: a full name
    /// (<c>documents/4af9…</c>) is kept, a bare id (<c>4af9…</c>) gets the prefix. The server checks the rest.
    /// </summary>
    public static string Normalize(string value, string prefix = "documents/") =>
        value.Contains('/', StringComparison.Ordinal) ? value : prefix + value;
}
