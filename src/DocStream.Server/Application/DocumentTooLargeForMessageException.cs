namespace DocStream.Server.Application;

/// <summary>A document a call must send whole is larger than one message; the call sent nothing.</summary>
/// <param name="name">The document's resource name.</param>
/// <param name="serializedSize">Its size in the view asked for.</param>
/// <param name="maxMessageBytes">The largest message the server sends.</param>
public sealed class DocumentTooLargeForMessageException(string name, long serializedSize, int maxMessageBytes)
    : Exception($"{name} is {serializedSize} bytes in the view asked for, over the {maxMessageBytes}-byte message limit")
{
    /// <summary>The document's resource name.</summary>
    public string Name { get; } = name;

    /// <summary>Its size in the view asked for.</summary>
    public long SerializedSize { get; } = serializedSize;

    /// <summary>The largest message the server sends.</summary>
    public int MaxMessageBytes { get; } = maxMessageBytes;
}
