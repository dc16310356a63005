using DocStream.Core.Documents.Wire;
using DocStream.Core.Parsing;
using Google.Protobuf;

namespace DocStream.Core.Tests.Documents.Wire;

public class ContentWireFormatTests
{
    [Fact]
    public void Decode_WhatEncodeWrote_GivesTheSameContent()
    {
        IReadOnlyList<string> body = ["فقرة أولى", "", "second paragraph"];
        IReadOnlyList<ReadAlsoTeaser> readAlso = [new("عنوان", ["نص", "more"]), new("", ["بلا عنوان"])];

        var (decodedBody, decodedReadAlso) = ContentWireFormat.Decode(ContentWireFormat.Encode(body, readAlso));

        Assert.Equal(body, decodedBody);
        Assert.Equal(2, decodedReadAlso.Count);
        Assert.Equal(["عنوان", ""], decodedReadAlso.Select(t => t.Title));
        Assert.Equal(["نص", "more"], decodedReadAlso[0].Paragraphs);
        Assert.Equal(["بلا عنوان"], decodedReadAlso[1].Paragraphs);
    }

    [Fact]
    public void Encode_IsTheProtobufWireFormOfFieldsTenAndEleven()
    {
        var encoded = ContentWireFormat.Encode(["ab"], [new("", ["c"])]);

        // body = 10 (tag 0x52) "ab"; read_also = 11 (tag 0x5A) holding paragraphs = 2 (tag 0x12) "c"; the empty
        // title is left out, as proto3 leaves out empty strings.
        Assert.Equal(new byte[] { 0x52, 2, (byte)'a', (byte)'b', 0x5A, 3, 0x12, 1, (byte)'c' }, encoded);
    }

    [Fact]
    public void Decode_OtherFields_AreSkipped()
    {
        var encoded = new byte[] { 0x08, 0x96, 0x01, 0x52, 1, (byte)'x' };

        var (body, readAlso) = ContentWireFormat.Decode(encoded);

        Assert.Equal(["x"], body);
        Assert.Empty(readAlso);
    }

    [Fact]
    public void Decode_Truncated_Throws()
    {
        Assert.Throws<InvalidProtocolBufferException>(() => ContentWireFormat.Decode(new byte[] { 0x52, 5, (byte)'x' }));
    }
}
