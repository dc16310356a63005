using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using DocStream.Client;
using DocStream.Contracts.V1;
using Google.Protobuf;

namespace DocStream.Cli.Output;

/// <summary>
/// Writes documents as JSON: the protobuf JSON mapping with the proto field names (<c>raw_content</c>,
/// <c>published_time</c>), except that <c>raw_content</c> is the text itself rather than base64, and Arabic (any
/// printable non-ASCII) is written as UTF-8 rather than <c>\u</c> escapes. Invisible format characters such as the
/// byte order mark or a right-to-left mark stay escaped so that they can be seen.
/// </summary>
internal static class DocumentJson
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithPreserveProtoFieldNames(true));
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Indented = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true };

    /// <summary>The document as one JSON object, indented over several lines or on one line.</summary>
    public static string Format(Document document, bool indented) => ToJson(document).ToJsonString(indented ? Indented : Compact);

    /// <summary>
    /// One line of <c>docstream stream</c>: <c>{"resume_token": "...", "document": {...}}</c>.
    /// </summary>
    public static string FormatStreamLine(Document document, string resumeToken) =>
        new JsonObject { ["resume_token"] = resumeToken, ["document"] = ToJson(document) }.ToJsonString(Compact);

    /// <summary>
    /// One line of <c>docstream watch</c>: <c>{"event": "change", "type": "CREATED", "name": "...", "position": 7,
    /// "resume_token": "...", "document": {...}}</c>, without <c>document</c> for a deletion, and
    /// <c>{"event": "snapshot_complete" | "progress", "position": 7, "resume_token": "..."}</c>.
    /// </summary>
    public static string FormatWatchLine(WatchEvent watchEvent)
    {
        var line = new JsonObject
        {
            ["event"] = watchEvent.Kind switch
            {
                WatchEventKind.Change => "change",
                WatchEventKind.SnapshotComplete => "snapshot_complete",
                WatchEventKind.Progress => "progress",
                _ => throw new ArgumentOutOfRangeException(nameof(watchEvent), watchEvent.Kind, "unknown watch event"),
            },
        };
        if (watchEvent.Change is { } change)
        {
            // CREATED, UPDATED, DELETED: the contract's TYPE_ names without their prefix.
            line["type"] = change.Type.ToString().ToUpperInvariant();
            line["name"] = change.Name;
        }

        line["position"] = watchEvent.Position;
        line["resume_token"] = watchEvent.ResumeToken;
        if (watchEvent.Change?.Document is { } document)
        {
            line["document"] = ToJson(document);
        }

        return line.ToJsonString(Compact);
    }

    private static JsonObject ToJson(Document document)
    {
        var json = JsonNode.Parse(Formatter.Format(document))!.AsObject();
        if (!document.RawContent.IsEmpty && TryDecode(document.RawContent, out var text))
        {
            json["raw_content"] = text;
        }

        return json;
    }

    /// <summary>
    /// Decodes the raw content as UTF-8, which the server requires at ingest; content that is somehow not UTF-8
    /// keeps the mapping's base64 rather than being shown with replacement characters.
    /// </summary>
    private static bool TryDecode(ByteString bytes, out string text)
    {
        try
        {
            text = StrictUtf8.GetString(bytes.Span);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
    }
}
