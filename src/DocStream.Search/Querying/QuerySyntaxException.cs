namespace DocStream.Search.Querying;

/// <summary>A search query that cannot be run.</summary>
/// <param name="position">Zero-based character (UTF-16 code unit) offset of the problem in the query text.</param>
/// <param name="reason">Machine-readable cause: <see cref="Malformed"/>, <see cref="TooComplex"/> or <see cref="NoSearchableTerms"/>.</param>
/// <param name="problem">What is wrong and how to fix it.</param>
public sealed class QuerySyntaxException(int position, string reason, string problem)
    : Exception($"{problem} (at character {position})")
{
    /// <summary>The query does not follow the query language.</summary>
    public const string Malformed = "QUERY_INVALID";

    /// <summary>The query is longer, or holds more words and phrases, than the server runs.</summary>
    public const string TooComplex = "QUERY_TOO_COMPLEX";

    /// <summary>The query is well formed but every word in it is a stop word or punctuation.</summary>
    public const string NoSearchableTerms = "QUERY_HAS_NO_TERMS";

    /// <summary>Zero-based character offset of the problem in the query text.</summary>
    public int Position { get; } = position;

    /// <summary>Machine-readable cause.</summary>
    public string Reason { get; } = reason;
}
