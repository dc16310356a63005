using System.Security.Cryptography;
using System.Text;
using DocStream.Testing;

namespace DocStream.Cli.Tests.Support;

/// <summary>One article of the sample corpus and the name the server gives it.</summary>
public sealed record Sample(string Path, byte[] Bytes)
{
    /// <summary><c>documents/</c> and the first 32 hex digits of the SHA-256 of the bytes.</summary>
    public string Name => NameOf(Bytes);

    /// <summary>The article's text.</summary>
    public string Text => Encoding.UTF8.GetString(Bytes);

    /// <summary>The resource name the server gives <paramref name="bytes"/>.</summary>
    public static string NameOf(byte[] bytes) => "documents/" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..32];
}

/// <summary>The sample corpus under <c>samples/news</c>.</summary>
public static class Samples
{
    /// <summary>The five samples, in file name order.</summary>
    public static IReadOnlyList<Sample> All { get; } = Directory.GetFiles(RepositoryLayout.SampleDirectory, "*.txt")
        .Order(StringComparer.Ordinal)
        .Select(path => new Sample(path, File.ReadAllBytes(path)))
        .ToArray();

    /// <summary>
    /// A fresh, valid Arabic article about <paramref name="topic"/> that no other test imports (a GUID makes it
    /// unique), repeated to at least <paramref name="minimumBytes"/> bytes of UTF-8.
    /// </summary>
    public static byte[] UniqueArticle(string topic, int minimumBytes = 0)
    {
        var text = new StringBuilder($"{topic} {Guid.NewGuid()}\nتاريخ النشر: 13th, October 2023 GMT\n");
        do
        {
            text.Append("عرض الرئيس الروسي تقديم المساعدة من أجل وقف التصعيد الحالي في المنطقة.\n");
        }
        while (Encoding.UTF8.GetByteCount(text.ToString()) < minimumBytes);

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
