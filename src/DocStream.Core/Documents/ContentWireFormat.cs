using DocStream.Core.Parsing;
using Google.Protobuf;

namespace DocStream.Core.Documents;

/// <summary>
/// A document's body and read-also teasers in the protobuf wire form of the contract's <c>Document</c> message:
/// fields <c>body = 10</c> and <c>read_also = 11</c> (with <c>ReadAlsoTeaser.title = 1</c>, <c>paragraphs = 2</c>)
/// of <c>protos/docstream/v1/document.proto</c>. The store keeps them in this form so that the server can send
/// them as they lie on disk instead of decoding them into strings only to encode them back. A released contract
/// never renumbers its fields (<c>buf breaking</c> guards them), so this form stays valid.
/// </summary>
public static class ContentWireFormat
{
    private const int BodyField = 10;
    private const int ReadAlsoField = 11;
    private const int TeaserTitleField = 1;
    private const int TeaserParagraphsField = 2;

    /// <summary>Encodes the body and teasers as the contract's serializer would write those two fields.</summary>
    public static byte[] Encode(IReadOnlyList<string> body, IReadOnlyList<ReadAlsoTeaser> readAlso)
    {
        var size = 0;
        foreach (var paragraph in body)
        {
            size += CodedOutputStream.ComputeTagSize(BodyField) + CodedOutputStream.ComputeStringSize(paragraph);
        }

        foreach (var teaser in readAlso)
        {
            var teaserSize = TeaserSize(teaser);
            size += CodedOutputStream.ComputeTagSize(ReadAlsoField) + CodedOutputStream.ComputeLengthSize(teaserSize) + teaserSize;
        }

        var encoded = new byte[size];
        var output = new CodedOutputStream(encoded);
        foreach (var paragraph in body)
        {
            output.WriteTag(BodyField, WireFormat.WireType.LengthDelimited);
            output.WriteString(paragraph);
        }

        foreach (var teaser in readAlso)
        {
            output.WriteTag(ReadAlsoField, WireFormat.WireType.LengthDelimited);
            output.WriteLength(TeaserSize(teaser));
            if (teaser.Title.Length > 0)
            {
                // proto3 leaves an empty string out; so must this form, to equal the contract's bytes.
                output.WriteTag(TeaserTitleField, WireFormat.WireType.LengthDelimited);
                output.WriteString(teaser.Title);
            }

            foreach (var paragraph in teaser.Paragraphs)
            {
                output.WriteTag(TeaserParagraphsField, WireFormat.WireType.LengthDelimited);
                output.WriteString(paragraph);
            }
        }

        output.CheckNoSpaceLeft();
        return encoded;
    }

    /// <summary>Decodes what <see cref="Encode"/> wrote; fields other than the two are skipped.</summary>
    /// <exception cref="InvalidProtocolBufferException">The bytes are not valid protobuf.</exception>
    public static (IReadOnlyList<string> Body, IReadOnlyList<ReadAlsoTeaser> ReadAlso) Decode(byte[] encoded)
    {
        var body = new List<string>();
        var readAlso = new List<ReadAlsoTeaser>();
        var input = new CodedInputStream(encoded);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case BodyField:
                    body.Add(input.ReadString());
                    break;
                case ReadAlsoField:
                    readAlso.Add(DecodeTeaser(input.ReadBytes()));
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return (body, readAlso);
    }

    private static int TeaserSize(ReadAlsoTeaser teaser)
    {
        var size = teaser.Title.Length > 0 ? CodedOutputStream.ComputeTagSize(TeaserTitleField) + CodedOutputStream.ComputeStringSize(teaser.Title) : 0;
        foreach (var paragraph in teaser.Paragraphs)
        {
            size += CodedOutputStream.ComputeTagSize(TeaserParagraphsField) + CodedOutputStream.ComputeStringSize(paragraph);
        }

        return size;
    }

    private static ReadAlsoTeaser DecodeTeaser(ByteString encoded)
    {
        var title = "";
        var paragraphs = new List<string>();
        var input = encoded.CreateCodedInput();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case TeaserTitleField:
                    title = input.ReadString();
                    break;
                case TeaserParagraphsField:
                    paragraphs.Add(input.ReadString());
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return new ReadAlsoTeaser(title, paragraphs);
    }
}
