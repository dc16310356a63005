using DocStream.Contracts.V1;

namespace DocStream.Cli.Output;

/// <summary>An import item that failed, with the reason.</summary>
/// <param name="SourceUri">The item's source URI (the file's name or relative path).</param>
/// <param name="Error">Why it failed.</param>
internal sealed record ImportFailure(string SourceUri, string Error);

/// <summary>Writes the summary of an import: the counts, then each failure with its error.</summary>
internal static class ImportReport
{
    /// <summary>
    /// Writes the summary of the server's <paramref name="results"/> plus the files that could not be read and so were
    /// never sent.
    /// </summary>
    public static void Write(TextWriter output, IReadOnlyList<ImportResult> results, IReadOnlyList<ImportFailure> unreadable)
    {
        var failures = unreadable
            .Concat(results
                .Where(result => result.Outcome == ImportResult.Types.Outcome.Failed)
                .Select(result => new ImportFailure(result.SourceUri, result.Error)))
            .ToList();
        var total = results.Count + unreadable.Count;
        var created = results.Count(result => result.Outcome == ImportResult.Types.Outcome.Created);
        var unchanged = results.Count(result => result.Outcome == ImportResult.Types.Outcome.Unchanged);
        output.WriteLine($"Imported {total} file(s): {created} created, {unchanged} unchanged, {failures.Count} failed");
        foreach (var failure in failures)
        {
            output.WriteLine($"  failed: {failure.SourceUri}: {failure.Error}");
        }
    }
}
