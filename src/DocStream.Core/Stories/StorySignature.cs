using System.Buffers.Binary;

namespace DocStream.Core.Stories;

/// <summary>
/// What the store keeps of a grouped document to compare later documents with: its weighted term vector (the
/// heaviest terms only, unit length) and its MinHash sketch. <see cref="Encode"/> and <see cref="Decode"/> are the
/// one owner of its stored form.
/// </summary>
/// <param name="Terms">Term hashes, heaviest first.</param>
/// <param name="Weights">The weight of each term of <see cref="Terms"/>; the vector has unit length.</param>
/// <param name="MinHash">The body's MinHash sketch; empty for a body too short to have one.</param>
public sealed record StorySignature(long[] Terms, float[] Weights, uint[] MinHash)
{
    private const byte FormatVersion = 1;

    /// <summary>The cosine of this vector and <paramref name="other"/>'s.</summary>
    public double Cosine(StorySignature other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var weights = new Dictionary<long, float>(Terms.Length);
        for (var i = 0; i < Terms.Length; i++)
        {
            weights[Terms[i]] = Weights[i];
        }

        double sum = 0;
        for (var i = 0; i < other.Terms.Length; i++)
        {
            if (weights.TryGetValue(other.Terms[i], out var weight))
            {
                sum += weight * other.Weights[i];
            }
        }

        return sum;
    }

    /// <summary>The share of MinHash positions on which the two sketches agree: an estimate of the shingle sets' Jaccard similarity.</summary>
    public double ShingleSimilarity(StorySignature other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (MinHash.Length == 0 || MinHash.Length != other.MinHash.Length)
        {
            return 0;
        }

        var agree = 0;
        for (var i = 0; i < MinHash.Length; i++)
        {
            agree += MinHash[i] == other.MinHash[i] ? 1 : 0;
        }

        return (double)agree / MinHash.Length;
    }

    /// <summary>The stored form: a version byte, the term count, the terms and weights, the sketch length and the sketch.</summary>
    public byte[] Encode()
    {
        var bytes = new byte[1 + 2 + (Terms.Length * 12) + 2 + (MinHash.Length * 4)];
        var span = bytes.AsSpan();
        span[0] = FormatVersion;
        BinaryPrimitives.WriteUInt16LittleEndian(span[1..], checked((ushort)Terms.Length));
        var offset = 3;
        for (var i = 0; i < Terms.Length; i++, offset += 12)
        {
            BinaryPrimitives.WriteInt64LittleEndian(span[offset..], Terms[i]);
            BinaryPrimitives.WriteSingleLittleEndian(span[(offset + 8)..], Weights[i]);
        }

        BinaryPrimitives.WriteUInt16LittleEndian(span[offset..], checked((ushort)MinHash.Length));
        offset += 2;
        foreach (var value in MinHash)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span[offset..], value);
            offset += 4;
        }

        return bytes;
    }

    /// <summary>Reads what <see cref="Encode"/> wrote.</summary>
    /// <exception cref="FormatException">The bytes are not a signature of a known format.</exception>
    public static StorySignature Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 5 || bytes[0] != FormatVersion)
        {
            throw new FormatException("Not a story signature of a known format.");
        }

        var count = BinaryPrimitives.ReadUInt16LittleEndian(bytes[1..]);
        var terms = new long[count];
        var weights = new float[count];
        var offset = 3;
        for (var i = 0; i < count; i++, offset += 12)
        {
            terms[i] = BinaryPrimitives.ReadInt64LittleEndian(bytes[offset..]);
            weights[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(offset + 8)..]);
        }

        var sketchLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes[offset..]);
        offset += 2;
        var sketch = new uint[sketchLength];
        for (var i = 0; i < sketchLength; i++, offset += 4)
        {
            sketch[i] = BinaryPrimitives.ReadUInt32LittleEndian(bytes[offset..]);
        }

        return new StorySignature(terms, weights, sketch);
    }
}
