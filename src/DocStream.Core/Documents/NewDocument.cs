using System.Security.Cryptography;
using DocStream.Core.Parsing;

namespace DocStream.Core.Documents;

/// <summary>A validated, parsed document ready to be stored.</summary>
/// <param name="Id">The content-derived id.</param>
/// <param name="ContentSha256">Lowercase hex SHA-256 of the content.</param>
/// <param name="SourceUri">Where the text came from.</param>
/// <param name="RawContent">The bytes exactly as received.</param>
/// <param name="Parsed">The parser's reading of the content.</param>
public sealed record NewDocument(string Id, string ContentSha256, string SourceUri, byte[] RawContent, ParsedArticle Parsed)
{
    /// <summary>Hashes <paramref name="rawContent"/> and builds the document around it.</summary>
    public static NewDocument Create(byte[] rawContent, string sourceUri, ParsedArticle parsed)
    {
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(rawContent));
        return new NewDocument(sha256[..DocumentName.IdLength], sha256, sourceUri, rawContent, parsed);
    }
}
