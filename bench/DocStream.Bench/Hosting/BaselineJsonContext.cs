using System.Text.Json;
using System.Text.Json.Serialization;
using DocStream.Core.Documents;
using DocStream.Core.Parsing;

namespace DocStream.Bench.Hosting;

/// <summary>A stored document as the REST-like baseline sends it: the stored fields, the raw bytes and the parsed article decoded.</summary>
/// <param name="Sequence">Insertion order.</param>
/// <param name="Id">The content-derived id.</param>
/// <param name="ContentSha256">SHA-256 of the raw bytes.</param>
/// <param name="SourceUri">Where the text came from.</param>
/// <param name="RawContent">The raw bytes.</param>
/// <param name="SizeBytes">Their length.</param>
/// <param name="Parsed">The parsed fields.</param>
/// <param name="ParserVersion">The parser that produced them.</param>
/// <param name="CreateTime">When the document was stored.</param>
/// <param name="Etag">Its etag.</param>
public sealed record BaselineDocument(
    long Sequence, string Id, string ContentSha256, string SourceUri, byte[]? RawContent, long SizeBytes, ParsedArticle Parsed, int ParserVersion,
    DateTimeOffset CreateTime, string Etag)
{
    /// <summary>Decodes <paramref name="document"/>'s parsed fields, as a JSON service over the store would.</summary>
    public static BaselineDocument From(StoredDocument document) => new(
        document.Sequence, document.Id, document.ContentSha256, document.SourceUri, document.RawContent, document.SizeBytes, document.ReadArticle(),
        document.ParserVersion, document.CreateTime, document.Etag);
}

/// <summary>Source-generated JSON for the REST-like baseline: stored documents, field names in camelCase (web defaults).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(BaselineDocument))]
[JsonSerializable(typeof(IAsyncEnumerable<BaselineDocument>))]
public sealed partial class BaselineJsonContext : JsonSerializerContext;
