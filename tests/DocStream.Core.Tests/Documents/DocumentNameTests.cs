using DocStream.Core.Documents;

namespace DocStream.Core.Tests.Documents;

public class DocumentNameTests
{
    [Fact]
    public void TryParse_FormattedName_RoundTrips()
    {
        var id = new string('a', 16) + new string('0', 16);

        Assert.True(DocumentName.TryParse(DocumentName.Format(id), out var parsed, out _));
        Assert.Equal(id, parsed);
    }

    [Theory]
    [InlineData(null, "is required")]
    [InlineData("", "is required")]
    [InlineData("books/0123", "must start with")]
    [InlineData("documents/0123", "32 lowercase hex")]
    [InlineData("documents/0123456789ABCDEF0123456789ABCDEF", "32 lowercase hex")]
    [InlineData("documents/0123456789abcdef0123456789abcdef/x", "32 lowercase hex")]
    public void TryParse_Malformed_SaysWhatIsWrong(string? name, string reason)
    {
        Assert.False(DocumentName.TryParse(name, out _, out var why));
        Assert.Contains(reason, why, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_SameBytes_SameId()
    {
        var parsed = DocStream.Core.Parsing.ArticleParser.Parse("عنوان");
        var first = NewDocument.Create("عنوان"u8.ToArray(), "a.txt", parsed);
        var second = NewDocument.Create("عنوان"u8.ToArray(), "b.txt", parsed);

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(first.ContentSha256[..DocumentName.IdLength], first.Id);
        Assert.Equal(64, first.ContentSha256.Length);
    }
}
