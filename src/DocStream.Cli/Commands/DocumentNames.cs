namespace DocStream.Cli.Commands;

/// <summary>Document resource names as the user may type them.</summary>
internal static class DocumentNames
{
    private const string Prefix = "documents/";

    /// <summary>
    /// The resource name for <paramref name="value"/>: a full name (<c>documents/4af9…</c>) is kept, a bare id
    /// (<c>4af9…</c>) gets the <c>documents/</c> prefix. The server checks the rest.
    /// </summary>
    public static string Normalize(string value) => value.Contains('/', StringComparison.Ordinal) ? value : Prefix + value;
}
