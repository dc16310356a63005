using System.Text;
using DocStream.Core.Documents;
using DocStream.Core.Parsing;

namespace DocStream.Core.Ingest;

/// <summary>Turns raw bytes into a document ready to store: checks size and encoding, parses, hashes.</summary>
/// <param name="limits">Size limits.</param>
public sealed class DocumentPreparer(IngestLimits limits)
{
    /// <summary>Longest <c>source_uri</c> accepted: it travels in every BASIC read (see <see cref="MetadataBudget"/>).</summary>
    public const int MaxSourceUriCharacters = 2048;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Validates and parses <paramref name="content"/> without storing it.</summary>
    /// <exception cref="InvalidDocumentException">The content is empty, too large or not UTF-8.</exception>
    public NewDocument Prepare(byte[] content, string sourceUri)
    {
        ArgumentNullException.ThrowIfNull(sourceUri);
        if (sourceUri.Length > MaxSourceUriCharacters)
        {
            throw new InvalidDocumentException("SOURCE_URI_TOO_LONG",
                $"the source URI is {sourceUri.Length} characters long; the limit is {MaxSourceUriCharacters}", "source_uri");
        }

        if (content.Length == 0)
        {
            throw new InvalidDocumentException("DOCUMENT_EMPTY", "the document is empty; send the article's text as UTF-8 bytes");
        }

        if (content.Length > limits.MaxDocumentBytes)
        {
            throw new InvalidDocumentException(
                "DOCUMENT_TOO_LARGE",
                $"the document is {content.Length} bytes, over the limit of {limits.MaxDocumentBytes} bytes; split it or raise Limits:MaxDocumentBytes");
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException ex)
        {
            throw new InvalidDocumentException(
                "DOCUMENT_NOT_UTF8",
                $"the document is not valid UTF-8 (first bad byte at offset {ex.Index}); convert it to UTF-8 before sending");
        }

        if (!HasVisibleText(text))
        {
            throw new InvalidDocumentException("DOCUMENT_EMPTY",
                "the document holds no visible text, only whitespace, control or formatting characters (NUL, zero-width, bidi marks); send the article's text");
        }

        return NewDocument.Create(content, sourceUri, ArticleParser.Parse(text));
    }

    /// <summary>Whether any character is something a reader sees: not whitespace, a control or a format character.</summary>
    private static bool HasVisibleText(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c) && char.GetUnicodeCategory(c) is not (System.Globalization.UnicodeCategory.Control or System.Globalization.UnicodeCategory.Format))
            {
                return true;
            }
        }

        return false;
    }
}
