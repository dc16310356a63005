using System.Buffers.Binary;
using DocStream.Contracts.V1;

namespace DocStream.Bench.Hosting;

/// <summary>
/// A StreamDocuments response recorded as it came off the wire: each message with its 5-byte gRPC prefix, in order.
/// The FULL recording is the transport baseline's file; one per view feeds the bare gRPC service.
/// </summary>
public static class RecordedStream
{
    /// <summary>The recording of <paramref name="view"/> beside <paramref name="fullFile"/>, the FULL one.</summary>
    public static string PathFor(string fullFile, DocumentView view) => view switch
    {
        DocumentView.Full => fullFile,
        _ => Path.Combine(Path.GetDirectoryName(fullFile)!, $"{Path.GetFileNameWithoutExtension(fullFile)}-{view.ToString().ToLowerInvariant()}{Path.GetExtension(fullFile)}"),
    };

    /// <summary>The messages of the recording at <paramref name="path"/>, without their prefixes.</summary>
    public static List<byte[]> ReadMessages(string path)
    {
        var messages = new List<byte[]>();
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        var prefix = new byte[5];
        while (file.Read(prefix) is var read && read > 0)
        {
            if (read != prefix.Length)
            {
                file.ReadExactly(prefix.AsSpan(read));
            }

            var message = new byte[BinaryPrimitives.ReadUInt32BigEndian(prefix.AsSpan(1))];
            file.ReadExactly(message);
            messages.Add(message);
        }

        return messages;
    }
}
