namespace DocStream.Core.Querying;

/// <summary>A filter expression that cannot be read, or is too large to run.</summary>
/// <param name="position">Zero-based character offset of the problem in the filter text.</param>
/// <param name="problem">What is wrong and how to fix it.</param>
/// <param name="reason">Machine-readable cause: <see cref="Malformed"/> or <see cref="TooComplex"/>.</param>
public sealed class FilterSyntaxException(int position, string problem, string reason = FilterSyntaxException.Malformed)
    : Exception($"{problem} (at character {position})")
{
    /// <summary>The filter does not follow the filter language.</summary>
    public const string Malformed = "FILTER_INVALID";

    /// <summary>The filter is longer, or holds more comparisons, than the server runs.</summary>
    public const string TooComplex = "FILTER_TOO_COMPLEX";

    /// <summary>Zero-based character offset of the problem in the filter text.</summary>
    public int Position { get; } = position;

    /// <summary>Machine-readable cause.</summary>
    public string Reason { get; } = reason;
}
