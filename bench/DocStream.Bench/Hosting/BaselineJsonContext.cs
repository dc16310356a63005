using System.Text.Json;
using System.Text.Json.Serialization;
using DocStream.Core.Documents;

namespace DocStream.Bench.Hosting;

/// <summary>Source-generated JSON for the REST-like baseline: stored documents, field names in camelCase (web defaults).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(StoredDocument))]
[JsonSerializable(typeof(IAsyncEnumerable<StoredDocument>))]
public sealed partial class BaselineJsonContext : JsonSerializerContext;
