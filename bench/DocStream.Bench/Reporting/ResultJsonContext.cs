using System.Text.Json.Serialization;

namespace DocStream.Bench.Reporting;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ResultRecord))]
internal sealed partial class ResultJsonContext : JsonSerializerContext;
