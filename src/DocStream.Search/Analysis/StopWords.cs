namespace DocStream.Search.Analysis;

/// <summary>
/// Words too common to search for. The Arabic list is Jacques Savoy's (BSD licence; the one Lucene's
/// ArabicAnalyzer ships), the English one Lucene's classic English set. Both are matched after normalisation and
/// lower-casing, so each spelling (<c>أن</c>, <c>إن</c>, <c>ان</c>) needs no entry of its own.
/// </summary>
public static class StopWords
{
    /// <summary>Arabic stop words, as written in the source list (before normalisation).</summary>
    public static IReadOnlyList<string> Arabic { get; } =
    [
        "من", "ومن", "منها", "منه", "في", "وفي", "فيها", "فيه", "و", "ف", "ثم", "او", "أو", "ب", "بها", "به", "ا", "أ",
        "اى", "اي", "أي", "أى", "لا", "ولا", "الا", "ألا", "إلا", "لكن", "ما", "وما", "كما", "فما", "عن", "مع", "اذا",
        "إذا", "ان", "أن", "إن", "انها", "أنها", "إنها", "انه", "أنه", "إنه", "بان", "بأن", "فان", "فأن", "وان", "وأن",
        "وإن", "التى", "التي", "الذى", "الذي", "الذين", "الى", "الي", "إلى", "إلي", "على", "عليها", "عليه", "اما",
        "أما", "إما", "ايضا", "أيضا", "كل", "وكل", "لم", "ولم", "لن", "ولن", "هى", "هي", "هو", "وهى", "وهي", "وهو",
        "فهى", "فهي", "فهو", "انت", "أنت", "لك", "لها", "له", "هذه", "هذا", "تلك", "ذلك", "هناك", "كانت", "كان",
        "يكون", "تكون", "وكانت", "وكان", "غير", "بعض", "قد", "نحو", "بين", "بينما", "منذ", "ضمن", "حيث", "الان",
        "الآن", "خلال", "بعد", "قبل", "حتى", "عند", "عندما", "لدى", "جميع",
    ];

    /// <summary>English stop words.</summary>
    public static IReadOnlyList<string> English { get; } =
    [
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "no", "not",
        "of", "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was",
        "will", "with",
    ];

    /// <summary>Both lists, normalised the way tokens are when the stop filter sees them.</summary>
    public static IReadOnlySet<string> Normalized { get; } =
        Arabic.Select(ArabicNormalizer.Normalize).Concat(English).ToHashSet(StringComparer.Ordinal);
}
