namespace DocStream.Storage;

/// <summary>Times as the store keeps them: microseconds since the Unix epoch, UTC.</summary>
internal static class Micros
{
    public static long Now() => From(DateTimeOffset.UtcNow)!.Value;

    public static long? From(DateTimeOffset? time) => time is { } t ? (t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10 : null;

    public static DateTimeOffset ToTime(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * 10);
}
