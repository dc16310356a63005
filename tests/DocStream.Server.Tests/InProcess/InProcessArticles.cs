using System.Text;
using DocStream.Contracts.V1;
using Google.Protobuf;

namespace DocStream.Server.Tests.InProcess;

/// <summary>Articles for the in-process tests, sized against <see cref="DocStreamApplicationFactory.MaxMessageBytes"/>.</summary>
internal static class InProcessArticles
{
    /// <summary>
    /// A unique article of about <paramref name="bytes"/> bytes: words made up from <paramref name="key"/>'s hash, so two
    /// articles share no story and are no near copies of each other.
    /// </summary>
    public static byte[] Article(string key, int bytes = 600)
    {
        var random = new Random(StableHash(key));
        var builder = new StringBuilder($"خبر {key}\n\n");
        while (builder.Length * 2 < bytes)
        {
            for (var word = 0; word < 12; word++)
            {
                for (var letter = random.Next(4, 8); letter > 0; letter--)
                {
                    builder.Append((char)random.Next('ب', 'ي' + 1));
                }

                builder.Append(' ');
            }

            builder.Append(key).Append(".\n\n");
        }

        return Encoding.UTF8.GetBytes(builder.Append("المصدر: وكالة الاختبار\n").ToString());
    }

    private static int StableHash(string key) => key.Aggregate(17, (hash, c) => unchecked((hash * 31) + c));

    public static async Task<Document> CreateAsync(this DocumentService.DocumentServiceClient client, byte[] content) =>
        await client.CreateDocumentAsync(new CreateDocumentRequest { Content = ByteString.CopyFrom(content), SourceUri = "in-process.txt" });
}
