using System.Buffers.Text;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace DocStream.Core.Paging;

/// <summary>
/// Opaque, tamper-evident page and resume tokens (AIP-158). A token records the last sequence a caller has seen
/// and is bound to the query it came from (<see cref="CursorScope"/>: the method, the parts read and the canonical
/// filter). It is signed with HMAC-SHA256, so an edited token, or one replayed against another query, is rejected.
/// </summary>
/// <param name="key">The signing key, shared by every instance that serves the same store.</param>
public sealed class CursorTokenCodec(byte[] key)
{
    private const byte FormatVersion = 1;
    internal const int FingerprintLength = 8;
    internal const int PayloadLength = 1 + 8 + FingerprintLength;
    internal const int MacLength = 16;

    /// <summary>Makes the token that resumes the query <paramref name="scope"/> after <paramref name="afterSequence"/>.</summary>
    public string Encode(CursorScope scope, long afterSequence)
    {
        ArgumentNullException.ThrowIfNull(scope);
        Span<byte> fingerprint = stackalloc byte[FingerprintLength];
        WriteQueryFingerprint(scope.Binding, fingerprint);
        Span<byte> token = stackalloc byte[PayloadLength + MacLength];
        WritePayload(token, afterSequence, fingerprint);
        Sign(token[..PayloadLength], token[PayloadLength..]);
        return Base64Url.EncodeToString(token);
    }

    /// <summary>
    /// The tokens of one query, for a caller that issues many of them: StreamDocuments gives every document its own
    /// resume token, and this way hashes the query once per stream rather than once per document.
    /// </summary>
    public QueryCursorTokens ForQuery(CursorScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var fingerprint = new byte[FingerprintLength];
        WriteQueryFingerprint(scope.Binding, fingerprint);
        return new QueryCursorTokens(IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key), fingerprint);
    }

    /// <summary>Reads the sequence out of <paramref name="token"/>, checking it belongs to <paramref name="scope"/>.</summary>
    /// <exception cref="InvalidCursorTokenException">The token is malformed, edited, or from another query.</exception>
    public long Decode(string token, CursorScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        Span<byte> bytes = stackalloc byte[PayloadLength + MacLength + 1];
        if (!Base64Url.IsValid(token) || !Base64Url.TryDecodeFromChars(token, bytes, out var written) || written != PayloadLength + MacLength)
        {
            throw new InvalidCursorTokenException(scope.Kind, "is malformed; pass a token exactly as the server returned it");
        }

        Span<byte> expectedMac = stackalloc byte[MacLength];
        Sign(bytes[..PayloadLength], expectedMac);
        if (bytes[0] != FormatVersion || !CryptographicOperations.FixedTimeEquals(expectedMac, bytes.Slice(PayloadLength, MacLength)))
        {
            throw new InvalidCursorTokenException(scope.Kind, "was not issued by this service or has been altered");
        }

        Span<byte> fingerprint = stackalloc byte[FingerprintLength];
        WriteQueryFingerprint(scope.Binding, fingerprint);
        if (!fingerprint.SequenceEqual(bytes.Slice(9, FingerprintLength)))
        {
            throw new InvalidCursorTokenException(scope.Kind, "belongs to a different request; keep the filter and view of the call that returned it");
        }

        return BinaryPrimitives.ReadInt64BigEndian(bytes[1..]);
    }

    /// <summary>Lays out a token's signed part: format version, sequence, query fingerprint.</summary>
    internal static void WritePayload(Span<byte> token, long afterSequence, ReadOnlySpan<byte> fingerprint)
    {
        token[0] = FormatVersion;
        BinaryPrimitives.WriteInt64BigEndian(token[1..], afterSequence);
        fingerprint.CopyTo(token[9..]);
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

/// <summary>
/// Issues the tokens of one query (made by <see cref="CursorTokenCodec.ForQuery"/>). Not thread-safe: it keeps one
/// HMAC state, reset after every token.
/// </summary>
public sealed class QueryCursorTokens : IDisposable
{
    private readonly IncrementalHash _mac;
    private readonly byte[] _fingerprint;

    internal QueryCursorTokens(IncrementalHash mac, byte[] fingerprint)
    {
        _mac = mac;
        _fingerprint = fingerprint;
    }

    /// <summary>Makes the token that resumes this query after <paramref name="afterSequence"/>.</summary>
    public string Encode(long afterSequence)
    {
        Span<byte> token = stackalloc byte[CursorTokenCodec.PayloadLength + CursorTokenCodec.MacLength];
        CursorTokenCodec.WritePayload(token, afterSequence, _fingerprint);
        _mac.AppendData(token[..CursorTokenCodec.PayloadLength]);
        Span<byte> mac = stackalloc byte[32];
        _mac.GetHashAndReset(mac);
        mac[..CursorTokenCodec.MacLength].CopyTo(token[CursorTokenCodec.PayloadLength..]);
        return Base64Url.EncodeToString(token);
    }

    /// <inheritdoc />
    public void Dispose() => _mac.Dispose();
}

/// <summary>A page or resume token that cannot be used.</summary>
/// <param name="kind">Which kind of token the call took, so the error can name the request field.</param>
/// <param name="problem">What is wrong with the token, phrased to follow "the token".</param>
public sealed class InvalidCursorTokenException(CursorKind kind, string problem) : Exception("the token " + problem)
{
    /// <summary>Which kind of token the call took.</summary>
    public CursorKind Kind { get; } = kind;
}
