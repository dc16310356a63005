using System.Security.Cryptography;
using DocStream.Core.Documents;
using DocStream.Core.Paging;
using DocStream.Core.Querying;

namespace DocStream.Core.Tests.Paging;

public class CursorTokenCodecTests
{
    private static readonly CursorScope List = CursorScope.ForList(DocumentFilter.All, DocumentParts.Basic);
    private static readonly CursorScope Stream = CursorScope.ForStream(DocumentFilter.All, DocumentParts.Full);
    private static readonly CursorScope StreamOfA = CursorScope.ForStream(FilterParser.Parse("source = a"), DocumentParts.Full);
    private static readonly CursorScope StreamOfB = CursorScope.ForStream(FilterParser.Parse("source = b"), DocumentParts.Full);
    private static readonly CursorScope ListOfA = CursorScope.ForList(FilterParser.Parse("source = a"), DocumentParts.Basic);
    private static readonly CursorScope ListOfB = CursorScope.ForList(FilterParser.Parse("source = b"), DocumentParts.Basic);

    private readonly CursorTokenCodec _codec = new(RandomNumberGenerator.GetBytes(32));

    [Theory]
    [InlineData(0L)]
    [InlineData(42L)]
    [InlineData(long.MaxValue)]
    public void Decode_OwnToken_ReturnsTheSequence(long sequence) =>
        Assert.Equal(sequence, _codec.Decode(_codec.Encode(List, sequence), List));

    [Fact]
    public void ForQuery_EveryTokenInTurn_DecodesToItsOwnSequence()
    {
        using var tokens = _codec.ForQuery(Stream);

        var issued = Enumerable.Range(1, 5).Select(sequence => tokens.Encode(sequence)).ToList();

        Assert.Equal([1L, 2, 3, 4, 5], issued.Select(token => _codec.Decode(token, Stream)));
        Assert.Equal(_codec.Encode(Stream, 5), issued[^1]);
    }

    [Fact]
    public void ForQuery_Token_IsRejectedForAnotherQuery()
    {
        using var tokens = _codec.ForQuery(StreamOfA);

        var token = tokens.Encode(3);

        Assert.Throws<InvalidCursorTokenException>(() => _codec.Decode(token, StreamOfB));
    }

    [Fact]
    public void Encode_Token_IsUrlSafeText()
    {
        var token = _codec.Encode(Stream, 7);

        Assert.Matches("^[A-Za-z0-9_-]+$", token);
    }

    [Fact]
    public void Decode_OtherQuery_IsRejected()
    {
        var token = _codec.Encode(ListOfA, 3);

        var error = Assert.Throws<InvalidCursorTokenException>(() => _codec.Decode(token, ListOfB));
        Assert.Contains("different request", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_EveryBitFlipped_IsRejected()
    {
        var token = _codec.Encode(List, 3);
        var bytes = Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (token.Length % 4)) % 4));
        for (var bit = 0; bit < bytes.Length * 8; bit++)
        {
            var tampered = (byte[])bytes.Clone();
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));
            var text = Convert.ToBase64String(tampered).TrimEnd('=').Replace('+', '-').Replace('/', '_');

            Assert.Throws<InvalidCursorTokenException>(() => _codec.Decode(text, List));
        }
    }

    [Fact]
    public void Decode_TokenFromAnotherKey_IsRejected()
    {
        var foreign = new CursorTokenCodec(RandomNumberGenerator.GetBytes(32)).Encode(List, 3);

        Assert.Throws<InvalidCursorTokenException>(() => _codec.Decode(foreign, List));
    }

    [Fact]
    public void Decode_ListTokenInAStream_IsRejectedAsAResumeToken()
    {
        var token = _codec.Encode(CursorScope.ForList(DocumentFilter.All, DocumentParts.Full), 3);

        var error = Assert.Throws<InvalidCursorTokenException>(() => _codec.Decode(token, Stream));

        Assert.Equal(CursorKind.ResumeToken, error.Kind);
    }

    [Fact]
    public void Scopes_OfTheTwoViews_KeepTheBindingsOfEarlierBuilds()
    {
        // Tokens handed out before DocumentParts existed were bound to these texts; they must stay valid.
        Assert.Equal("list|basic|" + DocumentFilter.All.ToCanonicalString(), List.Binding);
        Assert.Equal("stream|full|" + DocumentFilter.All.ToCanonicalString(), Stream.Binding);
        Assert.Equal(CursorKind.PageToken, List.Kind);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("not base64 at all!")]
    [InlineData("AAAA")]
    public void Decode_Garbage_IsRejectedAsMalformed(string token)
    {
        var error = Assert.Throws<InvalidCursorTokenException>(() => _codec.Decode(token, List));

        Assert.Contains("malformed", error.Message, StringComparison.Ordinal);
    }
}
