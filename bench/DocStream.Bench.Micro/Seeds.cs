using System.Text;
using DocStream.Core.Documents;
using DocStream.Core.Documents.Wire;
using DocStream.Core.Parsing;

namespace DocStream.Bench.Micro;

/// <summary>The seed articles copied beside the benchmarks, and stored documents made from them.</summary>
public static class Seeds
{
    /// <summary>File names of the seeds, in order.</summary>
    public static IEnumerable<string> Names =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "seeds"), "*.txt").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    /// <summary>The text of one seed.</summary>
    public static string Text(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "seeds", name));

    /// <summary>
    /// A FULL stored document as the store hands it to the server: the seed's bytes, its parse in wire form, and a
    /// fake sequence and etag. <paramref name="repeatBody"/> times the seed's text gives a large document.
    /// </summary>
    public static StoredDocument Stored(string name, int repeatBody = 1)
    {
        var text = string.Concat(Enumerable.Repeat(Text(name), repeatBody));
        var raw = Encoding.UTF8.GetBytes(text);
        var created = NewDocument.Create(raw, name, ArticleParser.Parse(text));
        return new StoredDocument(1, created.Id, created.ContentSha256, name, raw.Length, ArticleParser.Version, DateTimeOffset.UnixEpoch,
            "0123456789abcdef", DocumentParts.Full, raw, MetadataWireFormat.Encode(created.Parsed),
            ContentWireFormat.Encode(created.Parsed.Body, created.Parsed.ReadAlso));
    }
}
