using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using DocStream.Core.Parsing;

namespace DocStream.Storage;

/// <summary>The large parsed fields as rows written before schema 4 hold them (newer rows use <c>content_pb</c>).</summary>
/// <param name="Body">The main article's paragraphs.</param>
/// <param name="ReadAlso">The teased articles.</param>
internal sealed record StoredContent(IReadOnlyList<string> Body, IReadOnlyList<ReadAlsoTeaser> ReadAlso);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ParsedArticle))]
[JsonSerializable(typeof(StoredContent))]
internal sealed partial class StorageJsonContext : JsonSerializerContext
{
    /// <summary>
    /// For writing: non-ASCII text (the Arabic body) as plain UTF-8 rather than <c>\uXXXX</c> escapes, which made
    /// the stored JSON about three times the size of the text and dominated the cost of reading it back. The JSON
    /// is never embedded in HTML, so the relaxed escaping is safe here; rows written with escapes read the same.
    /// </summary>
    public static StorageJsonContext Unescaped { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
