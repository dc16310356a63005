using System.Security.Cryptography;
using DocStream.Core.Paging;

namespace DocStream.Core.Tests.Paging;

public class CursorTokenCodecTests
{
    private readonly CursorTokenCodec _codec = new(RandomNumberGenerator.GetBytes(32));

    [Theory]
    [InlineData(0L)]
    [InlineData(42L)]
    [InlineData(long.MaxValue)]
    public void Decode_OwnToken_ReturnsTheSequence(long sequence) =>
        Assert.Equal(sequence, _codec.Decode(_codec.Encode("list|basic|*", sequence), "list|basic|*"));

    [Fact]
    public void ForQuery_EveryTokenInTurn_DecodesToItsOwnSequence()
    {
        using var tokens = _codec.ForQuery("stream|full|*");

        var issued = Enumerable.Range(1, 5).Select(sequence => tokens.Encode(sequence)).ToList();

        Assert.Equal([1L, 2, 3, 4, 5], issued.Select(token => _codec.Decode(token, "stream|full|*")));
        Assert.Equal(_codec.Encode("stream|full|*", 5), issued[^1]);
    }

    [Fact]
    public void ForQuery_Token_IsRejectedForAnotherQuery()
    {
        using var tokens = _codec.ForQuery("stream|full|source=a");

        var token = tokens.Encode(3);

        Assert.Throws<InvalidCursorTokenException>(() => _codec.Decode(token, "stream|full|source=b"));
    }

    [Fact]
    public void Encode_Token_IsUrlSafeText()
    {
        var token = _codec.Encode("stream|full|*", 7);

        Assert.Matches("^[A-Za-z0-9_-]+$", token);
    }

    [Fact]
    public void Decode_OtherQuery_IsRejected()
    {
        var token = _codec.Encode("list|basic|source=a", 3);

        var error = Assert.Throws<InvalidCursorTokenException>(() => _codec.Decode(token, "list|basic|source=b"));
        Assert.Contains("different request", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_EveryBitFlipped_IsRejected()
    {
        var token = _codec.Encode("list|basic|*", 3);
        var bytes = Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (token.Length % 4)) % 4));
        for (var bit = 0; bit < bytes.Length * 8; bit++)
        {
            var tampered = (byte[])bytes.Clone();
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));
            var text = Convert.ToBase64String(tampered).TrimEnd('=').Replace('+', '-').Replace('/', '_');

            Assert.Throws<InvalidCursorTokenException>(() => _codec.Decode(text, "list|basic|*"));
        }
    }

    [Fact]
    public void Decode_TokenFromAnotherKey_IsRejected()
    {
        var foreign = new CursorTokenCodec(RandomNumberGenerator.GetBytes(32)).Encode("list|basic|*", 3);

        Assert.Throws<InvalidCursorTokenException>(() => _codec.Decode(foreign, "list|basic|*"));
    }

    [Theory]
    [InlineData("x")]
    [InlineData("not base64 at all!")]
    [InlineData("AAAA")]
    public void Decode_Garbage_IsRejectedAsMalformed(string token)
    {
        var error = Assert.Throws<InvalidCursorTokenException>(() => _codec.Decode(token, "list|basic|*"));

        Assert.Contains("malformed", error.Message, StringComparison.Ordinal);
    }
}
