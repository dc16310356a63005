using DocStream.Contracts.V1;
using DocStream.Core.Documents;
using DocStream.Server.Application;

namespace DocStream.Server.Grpc;

/// <summary>Reads the request fields every method shares, failing with INVALID_ARGUMENT that names the field.</summary>
internal static class RequestFields
{
    /// <summary>The id in the resource name <paramref name="name"/>, given in request field <paramref name="field"/>.</summary>
    public static string DocumentId(string name, string field) =>
        DocumentName.TryParse(name, out var id, out var reason) ? id : throw RpcErrors.InvalidArgument(field, "NAME_INVALID", reason);

    /// <summary>The parts <paramref name="view"/> asks for; the method's default when it is unspecified.</summary>
    public static DocumentParts Parts(DocumentView view, DocumentView methodDefault) =>
        (view == DocumentView.Unspecified ? methodDefault : view) switch
        {
            DocumentView.Basic => DocumentParts.Basic,
            DocumentView.Full => DocumentParts.Full,
            DocumentView.Parsed => DocumentParts.Body,
            DocumentView.Raw => DocumentParts.RawContent,
            _ => throw RpcErrors.InvalidArgument("view", "VIEW_UNKNOWN",
                $"{(int)view} is not a view this server knows; use DOCUMENT_VIEW_BASIC, DOCUMENT_VIEW_PARSED, DOCUMENT_VIEW_RAW or DOCUMENT_VIEW_FULL"),
        };

    /// <summary>A watch's heartbeat interval; <see cref="DocumentWatcher.DefaultHeartbeat"/> when unset.</summary>
    public static TimeSpan Heartbeat(Google.Protobuf.WellKnownTypes.Duration? interval)
    {
        if (interval is null)
        {
            return DocumentWatcher.DefaultHeartbeat;
        }

        var valid = interval.Seconds is >= 0 and <= 86_400 && interval.Nanos is >= 0 and < 1_000_000_000;
        var value = valid ? interval.ToTimeSpan() : TimeSpan.Zero;
        if (!valid || value < DocumentWatcher.MinHeartbeat || value > DocumentWatcher.MaxHeartbeat)
        {
            throw RpcErrors.InvalidArgument("heartbeat_interval", "HEARTBEAT_INTERVAL_OUT_OF_RANGE",
                $"must be between {DocumentWatcher.MinHeartbeat.TotalMilliseconds:0} ms and {DocumentWatcher.MaxHeartbeat.TotalMinutes:0} minutes, or unset for {DocumentWatcher.DefaultHeartbeat.TotalSeconds:0} s; got {interval.Seconds} s {interval.Nanos} ns");
        }

        return value;
    }
}
