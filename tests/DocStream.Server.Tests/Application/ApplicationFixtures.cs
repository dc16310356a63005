using System.Text;
using DocStream.Core.Documents;
using DocStream.Core.Paging;
using DocStream.Core.Parsing;
using DocStream.Server.Application;
using DocStream.Testing.Storage;

namespace DocStream.Server.Tests.Application;

/// <summary>The application services over an in-memory store, with 16 KiB messages.</summary>
internal sealed class ApplicationFixtures
{
    public const int MaxMessageBytes = MessageBudgets.MinMessageBytes;

    public InMemoryDocumentStore Store { get; } = new();

    public MessageBudgets Budgets { get; } = new(MaxMessageBytes);

    public CursorTokens Tokens => new(Store.Keys);

    public DocumentFramer Framer => new(Budgets);

    public DocumentStreamer Streamer => new(Store.Reader, Tokens, Framer, Budgets);

    public DocumentPager Pager => new(Store.Reader, Tokens, Budgets);

    public DocumentLookup Lookup => new(Store.Reader, Framer, Budgets);

    /// <summary>Stores articles of about <paramref name="bytes"/> bytes each; returns them in order.</summary>
    public async Task<IReadOnlyList<NewDocument>> AddAsync(int count, int bytes, string prefix = "خبر")
    {
        var documents = Enumerable.Range(0, count).Select(i => Article($"{prefix} {i}", bytes)).ToArray();
        await Store.Writer.AddAsync(documents, default);
        return documents;
    }

    public static NewDocument Article(string title, int bytes)
    {
        var text = new StringBuilder(title).Append("\n\n");
        while (text.Length * 2 < bytes)
        {
            text.Append("فقرة من نص الخبر ").Append(title).Append(".\n\n");
        }

        return NewDocument.Create(Encoding.UTF8.GetBytes(text.ToString()), title, ArticleParser.Parse(text.ToString()));
    }
}
