using System.Buffers;
using System.Text;
using Google.Protobuf;

namespace DocStream.Core.Documents.Wire;

/// <summary>
/// Writes protobuf wire-form pieces (tags, varints, strings, length-delimited fields) into an
/// <see cref="IBufferWriter{T}"/> a span at a time, as the generated serializer does: fields are gathered in the
/// writer's current span, which is advanced only when it is full or at <see cref="Flush"/>, so a message costs a few
/// calls on the writer (on Kestrel's response pipe each takes a lock) rather than two per field. Each write asks for
/// exactly the room it needs, so a writer over an array of the message's exact size suffices.
/// </summary>
public ref struct WireOutput
{
    /// <summary>Strings up to this many UTF-8 bytes are encoded straight into the writer's span.</summary>
    private const int InlineStringBytes = 4096;

    private readonly IBufferWriter<byte> _writer;
    private Span<byte> _span;
    private int _position;

    /// <summary>Starts writing into <paramref name="writer"/>; call <see cref="Flush"/> when done.</summary>
    public WireOutput(IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _writer = writer;
        _span = default;
        _position = 0;
    }

    /// <summary>Writes a field's tag.</summary>
    public void WriteTag(int fieldNumber, WireFormat.WireType wireType) => WriteVarint(WireFormat.MakeTag(fieldNumber, wireType));

    /// <summary>Writes a base-128 varint.</summary>
    public void WriteVarint(ulong value)
    {
        Ensure(CodedOutputStream.ComputeRawVarint64Size(value));
        while (value >= 0x80)
        {
            _span[_position++] = (byte)(value | 0x80);
            value >>= 7;
        }

        _span[_position++] = (byte)value;
    }

    /// <summary>Writes the tag and length of a length-delimited field whose <paramref name="length"/> bytes follow.</summary>
    public void WriteLengthDelimitedHeader(int fieldNumber, int length)
    {
        WriteTag(fieldNumber, WireFormat.WireType.LengthDelimited);
        WriteVarint((uint)length);
    }

    /// <summary>Writes bytes that are already in wire form, such as stored fields or a nested message's content.</summary>
    public void WriteRaw(scoped ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            if (_position == _span.Length)
            {
                Next(1);
            }

            var count = Math.Min(_span.Length - _position, bytes.Length);
            bytes[..count].CopyTo(_span[_position..]);
            _position += count;
            bytes = bytes[count..];
        }
    }

    /// <summary>Writes a length-delimited field holding <paramref name="value"/>.</summary>
    public void WriteBytes(int fieldNumber, scoped ReadOnlySpan<byte> value)
    {
        WriteLengthDelimitedHeader(fieldNumber, value.Length);
        WriteRaw(value);
    }

    /// <summary>Writes a string field, unless <paramref name="value"/> is empty (proto3 leaves it out).</summary>
    public void WriteString(int fieldNumber, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            return;
        }

        var length = Encoding.UTF8.GetByteCount(value);
        WriteLengthDelimitedHeader(fieldNumber, length);
        if (length <= InlineStringBytes)
        {
            Ensure(length);
            _position += Encoding.UTF8.GetBytes(value, _span[_position..]);
            return;
        }

        var encoded = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            WriteRaw(encoded.AsSpan(0, Encoding.UTF8.GetBytes(value, encoded)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(encoded);
        }
    }

    /// <summary>Writes an int64 field, unless <paramref name="value"/> is zero (proto3 leaves it out).</summary>
    public void WriteInt64(int fieldNumber, long value)
    {
        if (value != 0)
        {
            WriteTag(fieldNumber, WireFormat.WireType.Varint);
            WriteVarint((ulong)value);
        }
    }

    /// <summary>Writes a bool field, unless <paramref name="value"/> is false (proto3 leaves it out).</summary>
    public void WriteBool(int fieldNumber, bool value)
    {
        if (value)
        {
            WriteTag(fieldNumber, WireFormat.WireType.Varint);
            WriteVarint(1);
        }
    }

    /// <summary>Advances the writer past everything written; the output can go on writing afterwards.</summary>
    public void Flush()
    {
        if (_position > 0)
        {
            _writer.Advance(_position);
        }

        _span = default;
        _position = 0;
    }

    private void Ensure(int bytes)
    {
        if (_span.Length - _position < bytes)
        {
            Next(bytes);
        }
    }

    private void Next(int sizeHint)
    {
        if (_position > 0)
        {
            _writer.Advance(_position);
        }

        _span = _writer.GetSpan(sizeHint);
        _position = 0;
    }
}
