using System.Buffers;
using DocStream.Core.Documents;
using DocStream.Core.Documents.Wire;
using DocStream.Server.Application;

namespace DocStream.Server.Tests.Application;

public class DocumentFramerTests
{
    private readonly ApplicationFixtures _fixtures = new();

    [Fact]
    public async Task Frame_DocumentThatFits_IsOneWholeFrame()
    {
        var article = (await _fixtures.AddAsync(1, bytes: 1000))[0];
        var document = (await _fixtures.Store.Reader.FindAsync(article.Id, DocumentParts.Full, default))!;

        var frame = Assert.Single(_fixtures.Framer.Frame(document));

        Assert.Equal(DocumentFrameKind.Whole, frame.Kind);
        Assert.Same(document, frame.Document);
    }

    [Fact]
    public async Task Frame_DocumentLargerThanAMessage_IsAHeaderThenChunksThatJoinIntoItsBytes()
    {
        var article = (await _fixtures.AddAsync(1, bytes: 50_000))[0];
        var document = (await _fixtures.Store.Reader.FindAsync(article.Id, DocumentParts.Full, default))!;
        var expected = new ArrayBufferWriter<byte>();
        DocumentWireFormat.WriteTo(document, DocumentParts.Full, expected);

        var joined = new List<byte>();
        var frames = new List<(DocumentFrameKind Kind, long Offset, int Length, bool Last)>();
        foreach (var frame in _fixtures.Framer.Frame(document))
        {
            frames.Add((frame.Kind, frame.ChunkOffset, frame.ChunkData.Length, frame.IsLastChunk));
            joined.AddRange(frame.ChunkData.ToArray());
        }

        Assert.Equal(DocumentFrameKind.Header, frames[0].Kind);
        Assert.All(frames.Skip(1), f => Assert.Equal(DocumentFrameKind.Chunk, f.Kind));
        Assert.All(frames.Skip(1), f => Assert.InRange(f.Length, 1, _fixtures.Budgets.ChunkBytes));
        Assert.Equal(frames.Skip(1).Select(f => f.Offset), frames.Skip(1).Select((_, i) => (long)i * _fixtures.Budgets.ChunkBytes));
        Assert.Equal([.. Enumerable.Repeat(false, frames.Count - 2), true], frames.Skip(1).Select(f => f.Last));
        Assert.Equal(expected.WrittenSpan.ToArray(), joined);
    }
}
