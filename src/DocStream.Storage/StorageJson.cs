using System.Text.Json.Serialization;
using DocStream.Core.Parsing;

namespace DocStream.Storage;

/// <summary>The large parsed fields, stored apart from the metadata so that BASIC reads skip them.</summary>
/// <param name="Body">The main article's paragraphs.</param>
/// <param name="ReadAlso">The teased articles.</param>
internal sealed record StoredContent(IReadOnlyList<string> Body, IReadOnlyList<ReadAlsoTeaser> ReadAlso);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ParsedArticle))]
[JsonSerializable(typeof(StoredContent))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
