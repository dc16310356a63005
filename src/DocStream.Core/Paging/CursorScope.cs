using DocStream.Core.Documents;
using DocStream.Core.Querying;

namespace DocStream.Core.Paging;

/// <summary>The two kinds of token: what a call takes to continue where an earlier one stopped.</summary>
public enum CursorKind
{
    /// <summary>A list's <c>page_token</c>: where the next page starts.</summary>
    PageToken,

    /// <summary>A stream's or watch's <c>resume_token</c>: where a broken stream continues.</summary>
    ResumeToken,
}

/// <summary>
/// The query a token is bound to: which method issued it, the parts it reads and the canonical filter. A token from
/// one scope is refused in any other, so a caller cannot change the filter or view halfway through a listing.
/// </summary>
/// <param name="Kind">The kind of token the method takes.</param>
/// <param name="Binding">The text the token's fingerprint is made from.</param>
public sealed record CursorScope(CursorKind Kind, string Binding)
{
    /// <summary>The page tokens of a list of <paramref name="filter"/> holding <paramref name="parts"/>.</summary>
    public static CursorScope ForList(DocumentFilter filter, DocumentParts parts) => new(CursorKind.PageToken, Bind("list", filter, parts));

    /// <summary>The resume tokens of a stream of <paramref name="filter"/> holding <paramref name="parts"/>.</summary>
    public static CursorScope ForStream(DocumentFilter filter, DocumentParts parts) => new(CursorKind.ResumeToken, Bind("stream", filter, parts));

    /// <summary>The resume tokens of a watch of <paramref name="filter"/> holding <paramref name="parts"/>.</summary>
    public static CursorScope ForWatch(DocumentFilter filter, DocumentParts parts) => new(CursorKind.ResumeToken, Bind("watch", filter, parts));

    /// <summary>The page tokens of ListStories.</summary>
    public static CursorScope ForStories { get; } = new(CursorKind.PageToken, "stories");

    // "basic" and "full" are what tokens issued before DocumentParts said, so those tokens stay valid.
    private static string Bind(string method, DocumentFilter filter, DocumentParts parts)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var partsName = parts switch
        {
            DocumentParts.Basic => "basic",
            DocumentParts.Full => "full",
            _ => "parts" + ((int)parts).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return $"{method}|{partsName}|{filter.ToCanonicalString()}";
    }
}
