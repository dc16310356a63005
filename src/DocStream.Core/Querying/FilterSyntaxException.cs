namespace DocStream.Core.Querying;

/// <summary>A filter expression that cannot be read.</summary>
/// <param name="position">Zero-based character offset of the problem in the filter text.</param>
/// <param name="problem">What is wrong and how to fix it.</param>
public sealed class FilterSyntaxException(int position, string problem)
    : Exception($"{problem} (at character {position})")
{
    /// <summary>Zero-based character offset of the problem in the filter text.</summary>
    public int Position { get; } = position;
}
