using System.Text;
using DocStream.Core.Ingest;

namespace DocStream.Core.Tests.Ingest;

public class DocumentPreparerTests
{
    private readonly DocumentPreparer _preparer = new(new IngestLimits { MaxDocumentBytes = 100 });

    [Fact]
    public void Prepare_ValidText_ParsesAndKeepsBytes()
    {
        var content = Encoding.UTF8.GetBytes("\uFEFFعنوان\r\n\r\nنص\r\n");

        var document = _preparer.Prepare(content, "a.txt");

        Assert.Same(content, document.RawContent);
        Assert.Equal("عنوان", document.Parsed.Title);
        Assert.Equal("a.txt", document.SourceUri);
    }

    [Theory]
    [InlineData(new byte[0], "DOCUMENT_EMPTY")]
    [InlineData(new byte[] { 0x20, 0x0A, 0x09 }, "DOCUMENT_EMPTY")]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, 0x20 }, "DOCUMENT_EMPTY")]
    [InlineData(new byte[] { 0x61, 0xC3 }, "DOCUMENT_NOT_UTF8")]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, "DOCUMENT_NOT_UTF8")]
    [InlineData(new byte[] { 0xC0, 0xAF }, "DOCUMENT_NOT_UTF8")]
    public void Prepare_BadContent_IsRejectedWithReason(byte[] content, string reason) =>
        Assert.Equal(reason, Assert.Throws<InvalidDocumentException>(() => _preparer.Prepare(content, "")).Reason);

    [Fact]
    public void Prepare_OverTheLimit_SaysTheLimit()
    {
        var error = Assert.Throws<InvalidDocumentException>(() => _preparer.Prepare(new byte[101].Select(_ => (byte)'a').ToArray(), ""));

        Assert.Equal("DOCUMENT_TOO_LARGE", error.Reason);
        Assert.Contains("101 bytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("100 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prepare_AtTheLimit_IsAccepted() =>
        Assert.Equal(100, _preparer.Prepare(new byte[100].Select(_ => (byte)'a').ToArray(), "").RawContent.Length);
}
