namespace DocStream.Search.Querying;

/// <summary>A parsed search query: every required group must match and no excluded atom may.</summary>
/// <param name="Required">Groups joined by AND; the atoms inside one group are alternatives joined by OR.</param>
/// <param name="Excluded">Atoms a matching document must not contain.</param>
public sealed record SearchQuery(IReadOnlyList<IReadOnlyList<QueryAtom>> Required, IReadOnlyList<QueryAtom> Excluded);

/// <summary>A word or a quoted phrase as the user typed it.</summary>
/// <param name="Text">The text, without quotes or the leading <c>-</c>.</param>
/// <param name="IsPhrase">True when it was quoted.</param>
/// <param name="Position">Zero-based offset of the atom (its opening quote, or its <c>-</c>) in the query.</param>
public sealed record QueryAtom(string Text, bool IsPhrase, int Position);
