using System.Buffers.Text;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace DocStream.Core.Paging;

/// <summary>
/// Opaque, tamper-evident page and resume tokens (AIP-158). A token records the last sequence a caller has seen
/// and is bound to the query it came from: its kind (list or stream), the canonical filter and the view. It is
/// signed with HMAC-SHA256, so an edited token, or one replayed against another query, is rejected.
/// </summary>
/// <param name="key">The signing key, shared by every instance that serves the same store.</param>
public sealed class CursorTokenCodec(byte[] key)
{
    private const byte FormatVersion = 1;
    private const int MacLength = 16;
    private const int PayloadLength = 1 + 8 + 8;

    /// <summary>Makes the token that resumes the query <paramref name="queryBinding"/> after <paramref name="afterSequence"/>.</summary>
    public string Encode(string queryBinding, long afterSequence)
    {
        Span<byte> token = stackalloc byte[PayloadLength + MacLength];
        token[0] = FormatVersion;
        BinaryPrimitives.WriteInt64BigEndian(token[1..], afterSequence);
        WriteQueryFingerprint(queryBinding, token.Slice(9, 8));
        Sign(token[..PayloadLength], token[PayloadLength..]);
        return Base64Url.EncodeToString(token);
    }

    /// <summary>Reads the sequence out of <paramref name="token"/>, checking it belongs to <paramref name="queryBinding"/>.</summary>
    /// <exception cref="InvalidCursorTokenException">The token is malformed, edited, or from another query.</exception>
    public long Decode(string token, string queryBinding)
    {
        Span<byte> bytes = stackalloc byte[PayloadLength + MacLength + 1];
        if (!Base64Url.IsValid(token) || !Base64Url.TryDecodeFromChars(token, bytes, out var written) || written != PayloadLength + MacLength)
        {
            throw new InvalidCursorTokenException("is malformed; pass a token exactly as the server returned it");
        }

        Span<byte> expectedMac = stackalloc byte[MacLength];
        Sign(bytes[..PayloadLength], expectedMac);
        if (bytes[0] != FormatVersion || !CryptographicOperations.FixedTimeEquals(expectedMac, bytes.Slice(PayloadLength, MacLength)))
        {
            throw new InvalidCursorTokenException("was not issued by this service or has been altered");
        }

        Span<byte> fingerprint = stackalloc byte[8];
        WriteQueryFingerprint(queryBinding, fingerprint);
        if (!fingerprint.SequenceEqual(bytes.Slice(9, 8)))
        {
            throw new InvalidCursorTokenException("belongs to a different request; keep the filter and view of the call that returned it");
        }

        return BinaryPrimitives.ReadInt64BigEndian(bytes[1..]);
    }

    private static void WriteQueryFingerprint(string queryBinding, Span<byte> destination)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(queryBinding), hash);
        hash[..destination.Length].CopyTo(destination);
    }

    private void Sign(ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(key, payload, mac);
        mac[..destination.Length].CopyTo(destination);
    }
}

/// <summary>A page or resume token that cannot be used.</summary>
/// <param name="problem">What is wrong with the token, phrased to follow "the token".</param>
public sealed class InvalidCursorTokenException(string problem) : Exception("the token " + problem);
