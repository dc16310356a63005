namespace DocStream.Stories;

/// <summary>
/// MinHash over word 3-shingles (Broder 1997): for each of <see cref="Size"/> hash functions, the least hash of any
/// shingle. Two sketches agree on a position with probability equal to the Jaccard similarity of the shingle sets.
/// LSH banding (<see cref="Bands"/>) turns the sketch into keys that near copies share with high probability.
/// </summary>
internal static class MinHasher
{
    /// <summary>Hash functions in a sketch.</summary>
    public const int Size = 64;

    /// <summary>Sketch positions per band: two sets share a band with probability 1 - (1 - J^4)^16.</summary>
    public const int RowsPerBand = 4;

    private static readonly ulong[] Seeds = MakeSeeds();

    /// <summary>The sketch of the shingles of <paramref name="terms"/>; empty when there are fewer than three terms.</summary>
    public static uint[] Sketch(IReadOnlyList<long> terms)
    {
        if (terms.Count < 3)
        {
            return [];
        }

        var minimums = new ulong[Size];
        Array.Fill(minimums, ulong.MaxValue);
        for (var i = 0; i + 2 < terms.Count; i++)
        {
            var shingle = TermHash.Mix((ulong)terms[i] ^ ulong.RotateLeft((ulong)terms[i + 1], 21) ^ ulong.RotateLeft((ulong)terms[i + 2], 42));
            for (var k = 0; k < Size; k++)
            {
                var value = TermHash.Mix(shingle ^ Seeds[k]);
                if (value < minimums[k])
                {
                    minimums[k] = value;
                }
            }
        }

        return [.. minimums.Select(value => (uint)(value >> 32))];
    }

    /// <summary>One key per band of <paramref name="sketch"/>, the band's number folded in so equal rows of different bands differ.</summary>
    public static long[] Bands(uint[] sketch)
    {
        if (sketch.Length == 0)
        {
            return [];
        }

        var bands = new long[sketch.Length / RowsPerBand];
        for (var band = 0; band < bands.Length; band++)
        {
            var hash = (ulong)band + 1;
            for (var row = 0; row < RowsPerBand; row++)
            {
                hash = TermHash.Mix(hash ^ sketch[(band * RowsPerBand) + row]) + (ulong)row;
            }

            bands[band] = (long)hash;
        }

        return bands;
    }

    private static ulong[] MakeSeeds()
    {
        var seeds = new ulong[Size];
        var state = 0x5DEECE66DUL;
        for (var i = 0; i < Size; i++)
        {
            state += 0x9E3779B97F4A7C15UL;
            seeds[i] = TermHash.Mix(state);
        }

        return seeds;
    }
}
