using System.Text;
using DocStream.Contracts.V1;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace DocStream.Server.Tests.Hostile;

/// <summary>One request of the hostile suite: the method, the messages' bytes, and how it was made (for failure messages).</summary>
/// <param name="Method">The RPC.</param>
/// <param name="Messages">The request messages as sent: one, or several for a client stream.</param>
/// <param name="Kind">How the bytes were made.</param>
public sealed record HostileRequest(MethodDescriptor Method, IReadOnlyList<byte[]> Messages, string Kind)
{
    /// <inheritdoc />
    public override string ToString() => $"{Method.FullName} [{Kind}] {string.Join(" | ", Messages.Select(m => Convert.ToHexString(m.AsSpan(0, Math.Min(m.Length, 48)))))}";
}

/// <summary>
/// Generates the hostile suite's requests, deterministically from a seed: random bytes, mutated valid messages,
/// invalid UTF-8 in every string field, malformed wire data, boundary numbers and sizes, out-of-range enums, forged
/// and edited tokens, deep and wide filters and queries, unusual Unicode. Every method of the service gets each kind.
/// </summary>
public sealed class HostileRequests(Random random, IReadOnlyDictionary<string, IMessage> validSeeds)
{
    /// <summary>Strings no field should take badly: controls, bidi overrides, zero-width, noncharacters, huge.</summary>
    private static readonly string[] UnusualStrings =
    [
        "", "\0", "\0\0\0", "\u200B\u200C\u200D\uFEFF", "\u202E\u2066\u2069\u061C", "\uFFFF\uFFFE", "\U0010FFFF",
        "documents/", "documents/\0", "stories/", "documents/" + new string('a', 32), "documents/" + new string('0', 10_000),
        new string('x', 100_000), "\"", "\\", "%00", "' OR 1=1 --", "source = \"\0\"", "ب\u0651\u064E\u0640\u0640",
    ];

    /// <summary>
    /// The services a client can reach: DocStream's own, and health and reflection (both versions), whose generated
    /// marshallers come from their packages.
    /// </summary>
    public static IReadOnlyList<ServiceDescriptor> Services { get; } =
    [
        DocumentService.Descriptor,
        global::Grpc.Health.V1.Health.Descriptor,
        global::Grpc.Reflection.V1.ServerReflection.Descriptor,
        global::Grpc.Reflection.V1Alpha.ServerReflection.Descriptor,
    ];

    /// <summary>Every kind for every method of every service: about <paramref name="perMethod"/> requests each.</summary>
    public IEnumerable<HostileRequest> All(int perMethod)
    {
        foreach (var method in Services.SelectMany(service => service.Methods))
        {
            var seed = validSeeds[method.Name];
            var made = new List<HostileRequest>();
            made.AddRange(Malformed(method));
            made.AddRange(InvalidUtf8(method, seed));
            made.AddRange(Unusual(method, seed));
            made.AddRange(Numbers(method, seed));
            while (made.Count < perMethod)
            {
                made.Add(random.Next(3) == 0 ? RandomBytes(method) : Mutated(method, seed));
            }

            foreach (var request in made)
            {
                yield return request;
            }
        }
    }

    /// <summary>Deep and wide filters and queries, for the methods that take them.</summary>
    public static IEnumerable<(string Field, string Value, string Kind)> ComplexExpressions()
    {
        yield return ("filter", string.Join(" AND ", Enumerable.Range(0, 1_000).Select(i => $"source = \"s{i}\"")), "filter of 1000 ANDs");
        yield return ("filter", string.Join(" OR ", Enumerable.Range(0, 5_000).Select(i => $"source = \"s{i}\"")), "filter of 5000 ORs");
        yield return ("filter", new string('(', 5_000) + "source = \"x\"" + new string(')', 5_000), "filter nested 5000 deep");
        yield return ("filter", "source == \"x\"", "filter with ==");
        yield return ("query", string.Join(' ', Enumerable.Range(0, 5_000).Select(i => $"كلمة{i}")), "query of 5000 words");
        yield return ("query", string.Join(" OR ", Enumerable.Range(0, 3_000).Select(i => $"w{i}")), "query of 3000 ORs");
        yield return ("query", new string('(', 3_000) + "بوتين" + new string(')', 3_000), "query nested 3000 deep");
        yield return ("query", "\"" + string.Join(' ', Enumerable.Range(0, 3_000).Select(i => $"p{i}")) + "\"", "phrase of 3000 words");
    }

    private HostileRequest RandomBytes(MethodDescriptor method)
    {
        var bytes = new byte[random.Next(0, 256)];
        random.NextBytes(bytes);
        return One(method, bytes, "random bytes");
    }

    private HostileRequest Mutated(MethodDescriptor method, IMessage seed)
    {
        var bytes = seed.ToByteArray().ToList();
        var edits = random.Next(1, 4);
        for (var i = 0; i < edits && bytes.Count > 0; i++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(4))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 2:
                    bytes.Insert(at, (byte)random.Next(256));
                    break;
                default:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
            }
        }

        return One(method, [.. bytes], "mutated valid message");
    }

    private static IEnumerable<HostileRequest> Malformed(MethodDescriptor method)
    {
        yield return One(method, [0x00], "field number 0");
        yield return One(method, [0x00, 0x01], "field number 0 with a value");
        yield return One(method, [0x08, 0xFF, 0xFF], "truncated varint");
        yield return One(method, [0x0A, 0x7F, 0x41], "length beyond the message");
        yield return One(method, [0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F], "length of 4 GiB");
        yield return One(method, [0x0B], "start group");
        yield return One(method, [0x0C], "end group without start");
        yield return One(method, [0x0F], "wire type 7");
        yield return One(method, Enumerable.Repeat((byte)0xFF, 11).ToArray(), "varint of 11 bytes");
        yield return One(method, [0xF8, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x00], "field number beyond 2^29");
    }

    private static IEnumerable<HostileRequest> InvalidUtf8(MethodDescriptor method, IMessage seed)
    {
        byte[][] invalid = [[0xC3, 0x28], [0xFF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0xC0, 0xAF]];
        foreach (var field in method.InputType.Fields.InDeclarationOrder().Where(f => f.FieldType == FieldType.String))
        {
            foreach (var bytes in invalid)
            {
                // The valid seed, then the field again with bytes that are not UTF-8: the last value of a field wins.
                var output = new MemoryStream();
                seed.WriteTo(output);
                var coded = new CodedOutputStream(output, leaveOpen: true);
                coded.WriteTag(field.FieldNumber, WireFormat.WireType.LengthDelimited);
                coded.WriteBytes(ByteString.CopyFrom(bytes));
                coded.Flush();
                yield return One(method, output.ToArray(), $"invalid UTF-8 in {field.Name}");
            }
        }
    }

    private static IEnumerable<HostileRequest> Unusual(MethodDescriptor method, IMessage seed)
    {
        foreach (var field in method.InputType.Fields.InDeclarationOrder().Where(f => f.FieldType == FieldType.String))
        {
            foreach (var value in UnusualStrings)
            {
                yield return One(method, WithString(seed, field, value), $"{field.Name} = unusual string of {value.Length} chars");
            }
        }

        foreach (var (fieldName, value, kind) in ComplexExpressions())
        {
            if (method.InputType.FindFieldByName(fieldName) is { FieldType: FieldType.String } field)
            {
                // Alone in the request: the seed's page or resume token, bound to its own filter, would be refused first.
                yield return One(method, WithString(null, field, value), kind);
            }
        }

        if (method.InputType.FindFieldByName("content") is { } content)
        {
            foreach (var text in new[] { "\0\0\0\0", "\u200B\u200C\u202E\u2066", "\uFEFF", " \n\t \n", "\u0640\u0640\u0640" })
            {
                var output = new MemoryStream();
                var coded = new CodedOutputStream(output);
                coded.WriteTag(content.FieldNumber, WireFormat.WireType.LengthDelimited);
                coded.WriteBytes(ByteString.CopyFrom(Encoding.UTF8.GetBytes(text)));
                coded.Flush();
                yield return One(method, output.ToArray(), $"content of only {Convert.ToHexString(Encoding.UTF8.GetBytes(text))}");
            }
        }
    }

    private static IEnumerable<HostileRequest> Numbers(MethodDescriptor method, IMessage seed)
    {
        long[] values = [-1, 0, 1, 3, 99, int.MaxValue, int.MinValue, long.MaxValue, long.MinValue, uint.MaxValue];
        foreach (var field in method.InputType.Fields.InDeclarationOrder().Where(f => f.FieldType is FieldType.Int32 or FieldType.Int64 or FieldType.Enum))
        {
            foreach (var value in values)
            {
                var output = new MemoryStream();
                seed.WriteTo(output);
                var coded = new CodedOutputStream(output, leaveOpen: true);
                coded.WriteTag(field.FieldNumber, WireFormat.WireType.Varint);
                coded.WriteInt64(value);
                coded.Flush();
                yield return One(method, output.ToArray(), $"{field.Name} = {value}");
            }
        }
    }

    private static byte[] WithString(IMessage? seed, FieldDescriptor field, string value)
    {
        var output = new MemoryStream();
        seed?.WriteTo(output);
        var coded = new CodedOutputStream(output, leaveOpen: true);
        // Appended after the seed: a repeated field gets one more value, a singular one takes this value.
        coded.WriteTag(field.FieldNumber, WireFormat.WireType.LengthDelimited);
        coded.WriteString(value);
        coded.Flush();
        return output.ToArray();
    }

    private static HostileRequest One(MethodDescriptor method, byte[] bytes, string kind) =>
        method.IsClientStreaming ? new(method, [bytes, bytes], kind) : new(method, [bytes], kind);
}
