using System.Buffers.Text;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace DocStream.Core.Paging;

/// <summary>
/// Opaque, tamper-evident page and resume tokens (AIP-158). A token records the last position a caller has seen
/// (a sequence, or for a watch a change number and where its snapshot ends) and is bound to the query it came from
/// (<see cref="CursorScope"/>: the method, the parts read and the canonical filter). It is signed with HMAC-SHA256, so
/// an edited token, or one replayed against another query, is rejected.
/// </summary>
/// <param name="key">The signing key, shared by every instance that serves the same store.</param>
public sealed class CursorTokenCodec(byte[] key)
{
    /// <summary>A list's or stream's token: one position.</summary>
    internal const byte PositionFormat = 1;

    /// <summary>A watch's token: its position and the change at which its snapshot ends.</summary>
    internal const byte WatchFormat = 2;

    internal const int FingerprintLength = 8;
    internal const int MacLength = 16;

    /// <summary>Makes the token that resumes the query <paramref name="scope"/> after <paramref name="afterSequence"/>.</summary>
    public string Encode(CursorScope scope, long afterSequence)
    {
        using var tokens = ForQuery(scope);
        return tokens.Encode(afterSequence);
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
    public long Decode(string token, CursorScope scope) => DecodeCore(token, scope, PositionFormat).After;

    /// <summary>Reads a watch's position out of <paramref name="token"/>, checking it belongs to <paramref name="scope"/>.</summary>
    /// <exception cref="InvalidCursorTokenException">The token is malformed, edited, or from another query.</exception>
    public WatchPosition DecodeWatch(string token, CursorScope scope) => DecodeCore(token, scope, WatchFormat);

    /// <summary>The length of a token's signed part in <paramref name="format"/>.</summary>
    internal static int PayloadLength(byte format) => 1 + 8 + (format == WatchFormat ? 8 : 0) + FingerprintLength;

    /// <summary>Lays out a token's signed part: format, position (and snapshot end), query fingerprint.</summary>
    internal static void WritePayload(Span<byte> token, byte format, WatchPosition position, ReadOnlySpan<byte> fingerprint)
    {
        token[0] = format;
        BinaryPrimitives.WriteInt64BigEndian(token[1..], position.After);
        var offset = 9;
        if (format == WatchFormat)
        {
            BinaryPrimitives.WriteInt64BigEndian(token[offset..], position.SnapshotEnd);
            offset += 8;
        }

        fingerprint.CopyTo(token[offset..]);
    }

    private WatchPosition DecodeCore(string token, CursorScope scope, byte format)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var payloadLength = PayloadLength(format);
        Span<byte> bytes = stackalloc byte[PayloadLength(WatchFormat) + MacLength + 1];
        if (!Base64Url.IsValid(token) || !Base64Url.TryDecodeFromChars(token, bytes, out var written) || written != payloadLength + MacLength)
        {
            throw new InvalidCursorTokenException(scope.Kind, "is malformed; pass a token exactly as the server returned it");
        }

        Span<byte> expectedMac = stackalloc byte[MacLength];
        Sign(bytes[..payloadLength], expectedMac);
        if (bytes[0] != format || !CryptographicOperations.FixedTimeEquals(expectedMac, bytes.Slice(payloadLength, MacLength)))
        {
            throw new InvalidCursorTokenException(scope.Kind, "was not issued by this service or has been altered");
        }

        Span<byte> fingerprint = stackalloc byte[FingerprintLength];
        WriteQueryFingerprint(scope.Binding, fingerprint);
        if (!fingerprint.SequenceEqual(bytes.Slice(payloadLength - FingerprintLength, FingerprintLength)))
        {
            throw new InvalidCursorTokenException(scope.Kind, "belongs to a different request; keep the filter and view of the call that returned it");
        }

        var after = BinaryPrimitives.ReadInt64BigEndian(bytes[1..]);
        return new WatchPosition(after, format == WatchFormat ? BinaryPrimitives.ReadInt64BigEndian(bytes[9..]) : 0);
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

/// <summary>Where a watch stands.</summary>
/// <param name="After">The last change the watcher has seen; 0 at the start.</param>
/// <param name="SnapshotEnd">
/// While the watch is in its snapshot, the last change the snapshot covers; 0 once <c>snapshot_complete</c> has been
/// sent.
/// </param>
public readonly record struct WatchPosition(long After, long SnapshotEnd)
{
    /// <summary>True while the snapshot is still being sent.</summary>
    public bool InSnapshot => SnapshotEnd > 0;
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
    public string Encode(long afterSequence) => Encode(CursorTokenCodec.PositionFormat, new WatchPosition(afterSequence, 0));

    /// <summary>Makes the token that resumes this watch at <paramref name="position"/>.</summary>
    public string EncodeWatch(WatchPosition position) => Encode(CursorTokenCodec.WatchFormat, position);

    /// <inheritdoc />
    public void Dispose() => _mac.Dispose();

    private string Encode(byte format, WatchPosition position)
    {
        var payloadLength = CursorTokenCodec.PayloadLength(format);
        Span<byte> token = stackalloc byte[CursorTokenCodec.PayloadLength(CursorTokenCodec.WatchFormat) + CursorTokenCodec.MacLength];
        token = token[..(payloadLength + CursorTokenCodec.MacLength)];
        CursorTokenCodec.WritePayload(token, format, position, _fingerprint);
        _mac.AppendData(token[..payloadLength]);
        Span<byte> mac = stackalloc byte[32];
        _mac.GetHashAndReset(mac);
        mac[..CursorTokenCodec.MacLength].CopyTo(token[payloadLength..]);
        return Base64Url.EncodeToString(token);
    }
}

/// <summary>A page or resume token that cannot be used.</summary>
/// <param name="kind">Which kind of token the call took, so the error can name the request field.</param>
/// <param name="problem">What is wrong with the token, phrased to follow "the token".</param>
public sealed class InvalidCursorTokenException(CursorKind kind, string problem) : Exception("the token " + problem)
{
    /// <summary>Which kind of token the call took.</summary>
    public CursorKind Kind { get; } = kind;
}
