using DocStream.Core.Storage;

namespace DocStream.Core.Paging;

/// <summary>
/// The service's page and resume tokens: decodes the token a call brings and issues the ones it hands out. The
/// signing key lives in the store (<see cref="IKeyStore"/>), created on first use, so tokens survive restarts and
/// work on every instance sharing the store. Thread-safe.
/// </summary>
/// <param name="keys">Where the signing key is kept.</param>
public sealed class CursorTokens(IKeyStore keys)
{
    /// <summary>The name of the signing key in the key store.</summary>
    public const string KeyName = "cursor_token_key";

    private volatile CursorTokenCodec? _codec;

    /// <summary>
    /// Opens the cursor of one call in <paramref name="scope"/>: where <paramref name="token"/> says to continue (0
    /// from the start when it is empty), and the tokens the call hands out.
    /// </summary>
    /// <exception cref="InvalidCursorTokenException">The token is malformed, edited, or from another query.</exception>
    public async ValueTask<QueryCursor> OpenAsync(CursorScope scope, string? token, CancellationToken cancellationToken)
    {
        var codec = await CodecAsync(cancellationToken);
        var after = string.IsNullOrEmpty(token) ? 0 : codec.Decode(token, scope);
        return new QueryCursor(after, codec.ForQuery(scope));
    }

    /// <summary>
    /// Opens the cursor of one watch in <paramref name="scope"/>: where <paramref name="token"/> says to continue
    /// (null when it is empty), and the tokens the watch hands out.
    /// </summary>
    /// <exception cref="InvalidCursorTokenException">The token is malformed, edited, or from another watch.</exception>
    public async ValueTask<(WatchPosition? Resumed, QueryCursorTokens Tokens)> OpenWatchAsync(CursorScope scope, string? token, CancellationToken cancellationToken)
    {
        var codec = await CodecAsync(cancellationToken);
        WatchPosition? resumed = string.IsNullOrEmpty(token) ? null : codec.DecodeWatch(token, scope);
        return (resumed, codec.ForQuery(scope));
    }

    // Two calls racing here read the same key: the store creates it once.
    private async ValueTask<CursorTokenCodec> CodecAsync(CancellationToken cancellationToken) =>
        _codec ??= new CursorTokenCodec(await keys.GetOrCreateKeyAsync(KeyName, cancellationToken));
}

/// <summary>The position of one call and the tokens it issues (see <see cref="CursorTokens.OpenAsync"/>). Not thread-safe.</summary>
public sealed class QueryCursor : IDisposable
{
    private readonly QueryCursorTokens _tokens;

    internal QueryCursor(long after, QueryCursorTokens tokens)
    {
        After = after;
        _tokens = tokens;
    }

    /// <summary>The last sequence the caller has seen; 0 at the start.</summary>
    public long After { get; }

    /// <summary>The token that continues this call's query after <paramref name="sequence"/>.</summary>
    public string TokenAfter(long sequence) => _tokens.Encode(sequence);

    /// <inheritdoc />
    public void Dispose() => _tokens.Dispose();
}
