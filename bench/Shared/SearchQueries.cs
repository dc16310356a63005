namespace DocStream.Bench.Shared;

/// <summary>
/// The search benchmarks' query classes, compiled into both the index benchmark (<c>DocStream.Search.Bench</c>) and
/// the end-to-end scenario (<c>DocStream.Bench search</c>) so that their numbers can be read side by side. Each adds
/// filters of its own, since the corpora differ.
/// </summary>
internal static class SearchQueries
{
    /// <summary>Query text by class, without filters.</summary>
    public static IReadOnlyList<(string Kind, string Query)> Unfiltered { get; } =
    [
        ("word", "غزة"),
        ("word", "بوتين"),
        ("word", "المفاوضات"),
        ("word", "اسرائيل"),
        ("word", "قرغيزستان"),
        ("word", "لافروف"),
        ("2 words AND", "روسيا أوكرانيا"),
        ("3 words AND", "وقف إطلاق النار"),
        ("phrase", "\"قطاع غزة\""),
        ("phrase", "\"حل الدولتين\""),
        ("OR", "ترامب OR بايدن"),
        ("exclusion", "روسيا -أوكرانيا"),
    ];
}
