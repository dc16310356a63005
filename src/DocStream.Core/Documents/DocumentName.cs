namespace DocStream.Core.Documents;

/// <summary>
/// Resource names of the form <c>documents/{id}</c>, where the id is the first 32 lowercase hex digits of the
/// SHA-256 of the raw content.
/// </summary>
public static class DocumentName
{
    /// <summary>The collection prefix, slash included.</summary>
    public const string Prefix = "documents/";

    /// <summary>Length of a document id in hex digits (128 bits of the content hash).</summary>
    public const int IdLength = 32;

    /// <summary>Formats the resource name of <paramref name="id"/>.</summary>
    public static string Format(string id) => Prefix + id;

    /// <summary>
    /// Reads the id out of <paramref name="name"/>. Returns false, with a reason a caller can act on, when the
    /// name is not a document resource name.
    /// </summary>
    public static bool TryParse(string? name, out string id, out string reason) => TryParse(Prefix, name, out id, out reason);

    /// <summary>
    /// Reads the id out of <paramref name="name"/>, a name of the form <c>{prefix}{32 lowercase hex digits}</c> (documents
    /// and stories share it). Returns false, with a reason a caller can act on, when the name is not of that form.
    /// </summary>
    internal static bool TryParse(string prefix, string? name, out string id, out string reason)
    {
        id = "";
        if (string.IsNullOrEmpty(name))
        {
            reason = $"is required, e.g. \"{prefix}{new string('0', IdLength)}\"";
            return false;
        }

        if (!name.StartsWith(prefix, StringComparison.Ordinal))
        {
            reason = $"must start with \"{prefix}\"";
            return false;
        }

        var candidate = name[prefix.Length..];
        if (candidate.Length != IdLength || !candidate.All(IsLowerHex))
        {
            reason = $"the id after \"{prefix}\" must be {IdLength} lowercase hex digits";
            return false;
        }

        id = candidate;
        reason = "";
        return true;
    }

    private static bool IsLowerHex(char c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'f');
}
