using DocStream.Contracts.V1;
using Google.Protobuf;

namespace DocStream.Client;

/// <summary>
/// Rebuilds a document that the server sent as a <see cref="LargeDocumentHeader"/> followed by ordered
/// <see cref="DocumentChunk"/>s. Checks that chunks arrive in order, without gaps, and add up to the announced size.
/// </summary>
public sealed class DocumentAssembler
{
    private LargeDocumentHeader? _header;
    private byte[] _buffer = [];
    private long _received;

    /// <summary>Starts a new document; a document still being assembled is an error.</summary>
    /// <exception cref="InvalidDataException">The previous large document did not finish.</exception>
    public void Start(LargeDocumentHeader header)
    {
        if (_header is not null)
        {
            throw new InvalidDataException($"A new document started before {_header.Metadata.Name} finished.");
        }

        _header = header;
        _buffer = new byte[checked((int)header.SerializedSize)];
        _received = 0;
    }

    /// <summary>Adds a chunk; returns the whole document after its last chunk, null before.</summary>
    /// <exception cref="InvalidDataException">The chunk is out of order, overflows, or belongs to no started document.</exception>
    public Document? Append(DocumentChunk chunk)
    {
        if (_header is null || chunk.Name != _header.Metadata.Name)
        {
            throw new InvalidDataException($"Chunk for {chunk.Name} arrived without its header.");
        }

        if (chunk.Offset != _received || _received + chunk.Data.Length > _buffer.Length)
        {
            throw new InvalidDataException(
                $"Chunk of {chunk.Name} at offset {chunk.Offset} with {chunk.Data.Length} bytes does not follow the {_received} bytes received of {_buffer.Length}.");
        }

        chunk.Data.Span.CopyTo(_buffer.AsSpan((int)_received));
        _received += chunk.Data.Length;
        if (!chunk.LastChunk)
        {
            return null;
        }

        if (_received != _buffer.Length)
        {
            throw new InvalidDataException($"Last chunk of {chunk.Name} arrived after {_received} of {_buffer.Length} bytes.");
        }

        var document = Document.Parser.ParseFrom(_buffer);
        _header = null;
        _buffer = [];
        return document;
    }
}
