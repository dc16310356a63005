using DocStream.Core.Documents;

namespace DocStream.Core.Stories;

/// <summary>
/// Resource names of the form <c>stories/{id}</c>, where the id is the id of the document that started the story
/// (32 lowercase hex digits).
/// </summary>
public static class StoryName
{
    /// <summary>The collection prefix, slash included.</summary>
    public const string Prefix = "stories/";

    /// <summary>Formats the resource name of <paramref name="id"/>.</summary>
    public static string Format(string id) => Prefix + id;

    /// <summary>
    /// Reads the id out of <paramref name="name"/>. Returns false, with a reason a caller can act on, when the name is
    /// not a story resource name.
    /// </summary>
    public static bool TryParse(string? name, out string id, out string reason) => DocumentName.TryParse(Prefix, name, out id, out reason);

    /// <summary>The id in <paramref name="name"/>, or null when it is not a story name.</summary>
    public static string? TryParseId(string? name) => TryParse(name, out var id, out _) ? id : null;
}
