namespace DocStream.Stories;

/// <summary>
/// The 64-bit identity of an analysed term in grouping's tables: FNV-1a over its UTF-16 code units, then mixed.
/// Stable across processes and versions (unlike <see cref="string.GetHashCode()"/>), never zero.
/// </summary>
internal static class TermHash
{
    public static long Of(string term)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in term)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        var mixed = (long)Mix(hash);
        return mixed == 0 ? 1 : mixed;
    }

    /// <summary>SplitMix64's finaliser: every input bit reaches every output bit.</summary>
    public static ulong Mix(ulong value)
    {
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
        return value ^ (value >> 31);
    }
}
