using System.Security.Cryptography;
using System.Text;
using DocStream.Client;
using DocStream.Contracts.V1;
using DocStream.Testing;
using Google.Protobuf;

namespace DocStream.Server.Tests.EndToEnd;

/// <summary>Small helpers the end-to-end tests share.</summary>
internal static class CorpusHelpers
{
    public static string NameOf(byte[] content) => "documents/" + Convert.ToHexStringLower(SHA256.HashData(content))[..32];

    public static IReadOnlyList<string> SampleFiles() =>
        Directory.GetFiles(RepositoryLayout.SampleDirectory, "*.txt").Order(StringComparer.Ordinal).ToArray();

    /// <summary>A fresh, unique article, so tests that create documents never collide with each other.</summary>
    public static byte[] UniqueArticle(string title = "خبر تجريبي") =>
        Encoding.UTF8.GetBytes($"{title} {Guid.NewGuid():N}\n\nفقرة أولى من الخبر.\n\nالمصدر: وكالة الاختبار\n");

    public static async Task<Document> CreateAsync(this DocumentService.DocumentServiceClient client, byte[] content, string sourceUri = "test.txt") =>
        await client.CreateDocumentAsync(new CreateDocumentRequest { Content = ByteString.CopyFrom(content), SourceUri = sourceUri });

    public static async Task<List<string>> ListAllNamesAsync(this DocumentService.DocumentServiceClient client, string filter = "", int pageSize = 2)
    {
        var names = new List<string>();
        var token = "";
        do
        {
            var page = await client.ListDocumentsAsync(new ListDocumentsRequest { PageSize = pageSize, PageToken = token, Filter = filter });
            names.AddRange(page.Documents.Select(d => d.Name));
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return names;
    }

    public static async Task<List<(Document Document, string ResumeToken)>> StreamAllAsync(
        this DocumentService.DocumentServiceClient client, StreamDocumentsRequest request)
    {
        using var call = client.StreamDocuments(request);
        var documents = new List<(Document, string)>();
        await foreach (var item in call.ResponseStream.ReadDocumentsAsync())
        {
            documents.Add(item);
        }

        return documents;
    }
}
