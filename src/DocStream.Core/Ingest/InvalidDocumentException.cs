namespace DocStream.Core.Ingest;

/// <summary>A document rejected at ingest; nothing was stored.</summary>
/// <param name="reason">Machine-readable reason in UPPER_SNAKE_CASE, e.g. <c>DOCUMENT_EMPTY</c>.</param>
/// <param name="message">What is wrong and how to fix it.</param>
public sealed class InvalidDocumentException(string reason, string message) : Exception(message)
{
    /// <summary>Machine-readable reason in UPPER_SNAKE_CASE.</summary>
    public string Reason { get; } = reason;
}
