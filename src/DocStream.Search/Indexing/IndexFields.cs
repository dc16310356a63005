namespace DocStream.Search.Indexing;

/// <summary>The fields of an index entry. Only the text fields are analyzed.</summary>
public static class IndexFields
{
    /// <summary>The document id (not the resource name); stored, not analyzed; the key for updates and deletes.</summary>
    public const string Id = "id";

    /// <summary>The headline; analyzed and stored (returned with each hit and used for snippets).</summary>
    public const string Title = "title";

    /// <summary>The main article's paragraphs, one value each; analyzed and stored (snippets).</summary>
    public const string Body = "body";

    /// <summary>The keyword terms, one value each; analyzed, not stored.</summary>
    public const string Keywords = "keywords";

    /// <summary>Each source line as written; exact match for the filter; not stored.</summary>
    public const string Source = "source";

    /// <summary>The language code; exact match for the filter; not stored.</summary>
    public const string Language = "language";

    /// <summary>Published time in unix microseconds (numeric, for range filters); absent when unknown.</summary>
    public const string Published = "published_micros";

    /// <summary>The id of the document's story; exact match for the filter; absent when it has none; not stored.</summary>
    public const string Story = "story";

    /// <summary><c>true</c> when the document is a near copy of another, else <c>false</c>; for the filter; not stored.</summary>
    public const string NearDuplicate = "near_duplicate";

    /// <summary>The analyzed fields a query searches, with the weight of a match in each.</summary>
    public static IReadOnlyList<(string Field, float Boost)> Searched { get; } =
    [
        (Title, 3f),
        (Body, 1f),
        (Keywords, 1f),
    ];
}
