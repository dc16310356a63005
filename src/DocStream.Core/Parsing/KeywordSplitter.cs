namespace DocStream.Core.Parsing;

/// <summary>
/// Splits a keywords line into terms. When the line contains any explicit delimiter
/// (<c>،</c> <c>,</c> <c>|</c> <c>؛</c> <c>;</c>) it is split on those only, so multi-word terms survive.
/// Otherwise it is split on white space: the line gives no way to tell where a multi-word term ends,
/// so <c>قطاع غزة</c> becomes two terms rather than a guessed phrase. Terms are trimmed; empty and
/// repeated terms are dropped, first occurrence kept.
/// </summary>
internal static class KeywordSplitter
{
    private static readonly char[] Delimiters = ['،', ',', '|', '؛', ';'];

    public static IReadOnlyList<string> Split(string line)
    {
        var parts = line.IndexOfAny(Delimiters) >= 0
            ? line.Split(Delimiters, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var terms = new List<string>(parts.Length);
        foreach (var part in parts)
        {
            if (seen.Add(part))
            {
                terms.Add(part);
            }
        }

        return terms;
    }
}
