using DocStream.Contracts.V1;

namespace DocStream.Clients.Tests;

/// <summary>What the example scripts must print: the title of every document, as the C# client sees them.</summary>
internal static class SampleTitles
{
    /// <summary>The title of samples/news/002_4af9fadfdc09d4ea.txt.</summary>
    public const string Sample002 = "بوتين يعرض المساعدة لإنهاء التصعيد في المنطقة";

    /// <summary>The titles of every stored document, oldest first, read with the generated C# client.</summary>
    public static async Task<IReadOnlyList<string>> ListAsync(DocumentService.DocumentServiceClient client)
    {
        var page = await client.ListDocumentsAsync(new ListDocumentsRequest { PageSize = 1000 });
        return page.Documents.Select(d => d.Title).ToArray();
    }

    /// <summary>The non-empty lines a script printed.</summary>
    public static IReadOnlyList<string> Lines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Asserts that a script printed exactly the five sample titles, in the server's order.</summary>
    public static async Task AssertPrintedAsync(DocumentService.DocumentServiceClient client, string output)
    {
        var printed = Lines(output);
        Assert.Equal(await ListAsync(client), printed);
        Assert.Equal(5, printed.Count);
        Assert.Contains(Sample002, printed);
    }
}
