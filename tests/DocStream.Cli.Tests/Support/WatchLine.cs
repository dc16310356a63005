using System.Text.Json.Nodes;

namespace DocStream.Cli.Tests.Support;

/// <summary>One JSON line of <c>docstream watch</c>, parsed.</summary>
/// <param name="Event"><c>change</c>, <c>snapshot_complete</c> or <c>progress</c>.</param>
/// <param name="Type">For a change, <c>CREATED</c>, <c>UPDATED</c> or <c>DELETED</c>; otherwise null.</param>
/// <param name="Name">For a change, the document's name; otherwise null.</param>
/// <param name="Position">The change number the token resumes after.</param>
/// <param name="ResumeToken">The token that resumes after this event.</param>
/// <param name="Document">For a created or updated document, the document as JSON; otherwise null.</param>
public sealed record WatchLine(string Event, string? Type, string? Name, long Position, string ResumeToken, JsonObject? Document)
{
    /// <summary>Parses a line, failing on anything but one JSON object with the fields every line has.</summary>
    public static WatchLine Parse(string line)
    {
        var json = JsonNode.Parse(line)!.AsObject();
        return new WatchLine(
            (string)json["event"]!,
            (string?)json["type"],
            (string?)json["name"],
            (long)json["position"]!,
            (string)json["resume_token"]!,
            json["document"]?.AsObject());
    }

    /// <summary>True for the line that ends the snapshot.</summary>
    public static bool IsSnapshotComplete(string line) => Parse(line).Event == "snapshot_complete";
}
