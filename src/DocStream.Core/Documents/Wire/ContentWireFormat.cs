using DocStream.Core.Parsing;
using Google.Protobuf;
using ContractDocument = DocStream.Contracts.V1.Document;
using ContractTeaser = DocStream.Contracts.V1.ReadAlsoTeaser;

namespace DocStream.Core.Documents.Wire;

/// <summary>
/// A document's body and read-also teasers in the protobuf wire form of the contract's <c>Document</c> fields
/// <c>body</c> and <c>read_also</c> (field numbers from the generated code). The store keeps them in this form so
/// that the server can send them as they lie on disk instead of decoding them into strings only to encode them
/// back. A released contract never renumbers its fields (<c>buf breaking</c> guards them), so this form stays valid.
/// </summary>
public static class ContentWireFormat
{
    /// <summary>Encodes the body and teasers as the contract's serializer would write those two fields.</summary>
    public static byte[] Encode(IReadOnlyList<string> body, IReadOnlyList<ReadAlsoTeaser> readAlso)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(readAlso);
        var size = 0;
        foreach (var paragraph in body)
        {
            size += CodedOutputStream.ComputeTagSize(ContractDocument.BodyFieldNumber) + CodedOutputStream.ComputeStringSize(paragraph);
        }

        foreach (var teaser in readAlso)
        {
            var teaserSize = TeaserSize(teaser);
            size += CodedOutputStream.ComputeTagSize(ContractDocument.ReadAlsoFieldNumber) + CodedOutputStream.ComputeLengthSize(teaserSize) + teaserSize;
        }

        var encoded = new byte[size];
        var output = new CodedOutputStream(encoded);
        foreach (var paragraph in body)
        {
            output.WriteTag(ContractDocument.BodyFieldNumber, WireFormat.WireType.LengthDelimited);
            output.WriteString(paragraph);
        }

        foreach (var teaser in readAlso)
        {
            output.WriteTag(ContractDocument.ReadAlsoFieldNumber, WireFormat.WireType.LengthDelimited);
            output.WriteLength(TeaserSize(teaser));
            if (teaser.Title.Length > 0)
            {
                // proto3 leaves an empty string out; so must this form, to equal the contract's bytes.
                output.WriteTag(ContractTeaser.TitleFieldNumber, WireFormat.WireType.LengthDelimited);
                output.WriteString(teaser.Title);
            }

            foreach (var paragraph in teaser.Paragraphs)
            {
                output.WriteTag(ContractTeaser.ParagraphsFieldNumber, WireFormat.WireType.LengthDelimited);
                output.WriteString(paragraph);
            }
        }

        output.CheckNoSpaceLeft();
        return encoded;
    }

    /// <summary>Decodes what <see cref="Encode"/> wrote; fields other than the two are skipped.</summary>
    /// <exception cref="InvalidProtocolBufferException">The bytes are not valid protobuf.</exception>
    public static (IReadOnlyList<string> Body, IReadOnlyList<ReadAlsoTeaser> ReadAlso) Decode(ReadOnlyMemory<byte> encoded)
    {
        var body = new List<string>();
        var readAlso = new List<ReadAlsoTeaser>();
        var input = WireInput.Open(encoded);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case ContractDocument.BodyFieldNumber:
                    body.Add(input.ReadString());
                    break;
                case ContractDocument.ReadAlsoFieldNumber:
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
        var size = teaser.Title.Length > 0
            ? CodedOutputStream.ComputeTagSize(ContractTeaser.TitleFieldNumber) + CodedOutputStream.ComputeStringSize(teaser.Title)
            : 0;
        foreach (var paragraph in teaser.Paragraphs)
        {
            size += CodedOutputStream.ComputeTagSize(ContractTeaser.ParagraphsFieldNumber) + CodedOutputStream.ComputeStringSize(paragraph);
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
                case ContractTeaser.TitleFieldNumber:
                    title = input.ReadString();
                    break;
                case ContractTeaser.ParagraphsFieldNumber:
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
