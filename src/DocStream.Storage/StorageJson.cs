using System.Text.Json.Serialization;
using DocStream.Core.Parsing;

namespace DocStream.Storage;

/// <summary>The large parsed fields as rows written before <see cref="SchemaStep.ContentWireForm"/> hold them (newer rows use <c>content_pb</c>).</summary>
/// <param name="Body">The main article's paragraphs.</param>
/// <param name="ReadAlso">The teased articles.</param>
internal sealed record StoredContent(IReadOnlyList<string> Body, IReadOnlyList<ReadAlsoTeaser> ReadAlso);

/// <summary>Reads the JSON columns of rows written before <see cref="SchemaStep.ContentWireForm"/> (content) and <see cref="SchemaStep.MetadataWireForm"/> (metadata).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ParsedArticle))]
[JsonSerializable(typeof(StoredContent))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
