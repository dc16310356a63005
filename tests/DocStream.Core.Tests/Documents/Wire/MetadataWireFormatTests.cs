using DocStream.Core.Documents.Wire;
using DocStream.Core.Parsing;
using DocStream.Core.Tests.Parsing;
using Google.Protobuf;

namespace DocStream.Core.Tests.Documents.Wire;

public class MetadataWireFormatTests
{
    private static readonly ParsedArticle Everything = new(
        Title: "عنوان الخبر",
        PublishedTime: new DateTimeOffset(2023, 10, 13, 0, 0, 0, TimeSpan.Zero),
        Sources: ["وكالة سوا", "RT"],
        KeywordsLine: "غزة، مفاوضات",
        Keywords: ["غزة", "مفاوضات"],
        Body: ["not encoded here"],
        ReadAlso: [new ReadAlsoTeaser("not", ["encoded"])],
        RelatedHeadlines: ["خبر أول", ""],
        EmbeddedPosts:
        [
            new EmbeddedPost("نص التغريدة", "كاتب", "handle", new DateTimeOffset(2023, 10, 12, 0, 0, 0, TimeSpan.Zero), "https://t.co/x"),
            new EmbeddedPost("بلا تاريخ", "", "", null, ""),
        ],
        LanguageCode: "ar",
        CharacterCount: 1234,
        WordCount: 210,
        Warnings: ["date line unreadable"]);

    [Fact]
    public void Decode_WhatEncodeWrote_GivesEveryFieldButBodyAndTeasers()
    {
        var decoded = MetadataWireFormat.Decode(MetadataWireFormat.Encode(Everything));

        ParsedAssert.SameStructure(Everything with { Body = [], ReadAlso = [] }, decoded);
        Assert.Equal(Everything.CharacterCount, decoded.CharacterCount);
        Assert.Equal(Everything.WordCount, decoded.WordCount);
    }

    [Fact]
    public void Encode_NothingSet_IsEmpty_AsProto3LeavesDefaultsOut()
    {
        Assert.Empty(MetadataWireFormat.Encode(ParsedArticle.Empty));

        var decoded = MetadataWireFormat.Decode(Array.Empty<byte>());
        Assert.Equal("", decoded.Title);
        Assert.Null(decoded.PublishedTime);
        Assert.Empty(decoded.Sources);
        Assert.Empty(decoded.EmbeddedPosts);
        Assert.Equal(0, decoded.WordCount);
    }

    [Fact]
    public void Encode_IsTheProtobufWireFormOfTheDocumentFields()
    {
        var encoded = MetadataWireFormat.Encode(ParsedArticle.Empty with
        {
            Title = "t",
            PublishedTime = DateTimeOffset.UnixEpoch.AddSeconds(1),
            RelatedHeadlines = [""],
            WordCount = 3,
        });

        // title = 5 (tag 0x2A) "t"; published_time = 6 (tag 0x32) holding seconds = 1 (tag 0x08) 1;
        // related_headlines = 12 (tag 0x62) with its empty element kept; word_count = 17 (tag 0x88 0x01) 3.
        Assert.Equal(new byte[] { 0x2A, 1, (byte)'t', 0x32, 2, 0x08, 1, 0x62, 0, 0x88, 0x01, 3 }, encoded);
    }

    [Fact]
    public void Decode_OtherFields_AreSkipped()
    {
        // name = 1 "x", then title = 5 "t", then body = 10 "b", which belongs to ContentWireFormat.
        var decoded = MetadataWireFormat.Decode(new byte[] { 0x0A, 1, (byte)'x', 0x2A, 1, (byte)'t', 0x52, 1, (byte)'b' });

        Assert.Equal("t", decoded.Title);
        Assert.Empty(decoded.Body);
    }

    [Fact]
    public void Decode_Truncated_Throws()
    {
        Assert.Throws<InvalidProtocolBufferException>(() => MetadataWireFormat.Decode(new byte[] { 0x2A, 5, (byte)'t' }));
    }
}
