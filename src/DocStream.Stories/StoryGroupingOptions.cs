namespace DocStream.Stories;

/// <summary>
/// The grouping's parameters (configuration section <c>Stories</c>). Changing any of them changes only documents
/// added afterwards; RegroupStories applies them to the stored corpus. See <c>docs/stories.md</c>.
/// </summary>
public sealed class StoryGroupingOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Stories";

    /// <summary>Whether documents are grouped at ingest. Off, documents are stored with no story.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How far apart two dated articles may be published and still report one event.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromDays(2);

    /// <summary>How many of the latest stored documents an article without a date is compared with (and the undated ones a dated article is).</summary>
    public int RecentDocuments { get; set; } = 20_000;

    /// <summary>Estimated Jaccard similarity of body shingles from which a document is a near copy of an earlier one.</summary>
    public double CopySimilarity { get; set; } = 0.5;

    /// <summary>Cosine of the weighted term vectors from which two dated articles report the same event.</summary>
    public double StorySimilarity { get; set; } = 0.3;

    /// <summary>The same, when either article has no date: time cannot help, so the text must agree more.</summary>
    public double UndatedStorySimilarity { get; set; } = 0.35;
}
