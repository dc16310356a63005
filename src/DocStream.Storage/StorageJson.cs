using System.Text.Json.Serialization;
using DocStream.Core.Parsing;

namespace DocStream.Storage;

/// <summary>The large parsed fields as rows written before schema 4 hold them (newer rows use <c>content_pb</c>).</summary>
/// <param name="Body">The main article's paragraphs.</param>
/// <param name="ReadAlso">The teased articles.</param>
internal sealed record StoredContent(IReadOnlyList<string> Body, IReadOnlyList<ReadAlsoTeaser> ReadAlso);

/// <summary>Reads the JSON columns of rows written before schema 4 (content) and before <c>meta_pb</c> (metadata).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ParsedArticle))]
[JsonSerializable(typeof(StoredContent))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
