using System.Text;
using DocStream.Contracts.V1;
using Google.Protobuf;

namespace DocStream.Server.Tests.InProcess;

/// <summary>Articles for the in-process tests, sized against <see cref="DocStreamApplicationFactory.MaxMessageBytes"/>.</summary>
internal static class InProcessArticles
{
    /// <summary>A unique article of about <paramref name="bytes"/> bytes of text.</summary>
    public static byte[] Article(string key, int bytes = 600)
    {
        var builder = new StringBuilder($"خبر {key}\n\n");
        while (builder.Length * 2 < bytes)
        {
            builder.Append("فقرة من نص الخبر تتكرر حتى يبلغ الحجم المطلوب ").Append(key).Append(".\n\n");
        }

        return Encoding.UTF8.GetBytes(builder.Append("المصدر: وكالة الاختبار\n").ToString());
    }

    public static async Task<Document> CreateAsync(this DocumentService.DocumentServiceClient client, byte[] content) =>
        await client.CreateDocumentAsync(new CreateDocumentRequest { Content = ByteString.CopyFrom(content), SourceUri = "in-process.txt" });
}
