using System.Text;
using DocStream.Core.Documents;
using DocStream.Core.Parsing;

namespace DocStream.Core.Querying;

/// <summary>
/// Which documents a list or stream covers. Time bounds are unix microseconds, the lower one inclusive and the
/// upper one exclusive; a document without a published time never matches a time bound.
/// </summary>
/// <param name="Sources">Each of these must be among the document's sources.</param>
/// <param name="LanguageCode">The document's language code must equal this, when set.</param>
/// <param name="PublishedFromMicros">Inclusive lower bound of the published time.</param>
/// <param name="PublishedBeforeMicros">Exclusive upper bound of the published time.</param>
/// <param name="StoryId">The document's story id must equal this, when set.</param>
/// <param name="NearDuplicate">When set, whether the document must be (true) or must not be (false) a near copy of another.</param>
public sealed record DocumentFilter(
    IReadOnlyList<string> Sources,
    string? LanguageCode,
    long? PublishedFromMicros,
    long? PublishedBeforeMicros,
    string? StoryId = null,
    bool? NearDuplicate = null)
{
    /// <summary>The filter that matches every document.</summary>
    public static DocumentFilter All { get; } = new([], null, null, null);

    /// <summary>True when no time range can match (the lower bound is not below the upper one).</summary>
    public bool IsEmptyRange => PublishedFromMicros >= PublishedBeforeMicros;

    /// <summary>
    /// True when <paramref name="document"/>, whose parsed fields are <paramref name="article"/>, matches, as the
    /// stores' queries match it; for code that filters documents it already holds.
    /// </summary>
    public bool Matches(StoredDocument document, ParsedArticle article)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(article);
        var published = article.PublishedTime is { } time ? (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10 : (long?)null;
        return !IsEmptyRange
            && (LanguageCode is null || LanguageCode == article.LanguageCode)
            && (PublishedFromMicros is not { } from || published >= from)
            && (PublishedBeforeMicros is not { } before || published < before)
            && (StoryId is null || StoryId == document.StoryId)
            && (NearDuplicate is not { } copy || copy == document.NearDuplicateOf is not null)
            && Sources.All(source => article.Sources.Contains(source, StringComparer.Ordinal));
    }

    /// <summary>
    /// A canonical text of the filter: two filters that select the same documents give the same text, whatever
    /// order or spelling the caller used. Page tokens are bound to it.
    /// </summary>
    public string ToCanonicalString()
    {
        var builder = new StringBuilder();
        foreach (var source in Sources.Order(StringComparer.Ordinal))
        {
            builder.Append("source=").Append(source.Length).Append(':').Append(source).Append(';');
        }

        builder.Append("language=").Append(LanguageCode ?? "*").Append(';');
        builder.Append("from=").Append(PublishedFromMicros?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "*").Append(';');
        builder.Append("before=").Append(PublishedBeforeMicros?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "*");
        if (StoryId is not null)
        {
            builder.Append(";story=").Append(StoryId);
        }

        if (NearDuplicate is { } nearDuplicate)
        {
            builder.Append(";near_duplicate=").Append(nearDuplicate ? "true" : "false");
        }
        return builder.ToString();
    }
}
