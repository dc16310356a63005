namespace DocStream.Core.Ingest;

/// <summary>A document rejected at ingest; nothing was stored.</summary>
/// <param name="reason">Machine-readable reason in UPPER_SNAKE_CASE, e.g. <c>DOCUMENT_EMPTY</c>.</param>
/// <param name="message">What is wrong and how to fix it.</param>
/// <param name="field">The request field at fault, as the contract names it.</param>
public sealed class InvalidDocumentException(string reason, string message, string field = "content") : Exception(message)
{
    /// <summary>Machine-readable reason in UPPER_SNAKE_CASE.</summary>
    public string Reason { get; } = reason;

    /// <summary>The request field at fault: <c>content</c> or <c>source_uri</c>.</summary>
    public string Field { get; } = field;
}
