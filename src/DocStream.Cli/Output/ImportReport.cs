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
    /// Writes the summary of <paramref name="response"/> plus the files that could not be read and so were never
    /// sent.
    /// </summary>
    public static void Write(TextWriter output, ImportDocumentsResponse response, IReadOnlyList<ImportFailure> unreadable)
    {
        var failures = unreadable
            .Concat(response.Results
                .Where(result => result.Outcome == ImportResult.Types.Outcome.Failed)
                .Select(result => new ImportFailure(result.SourceUri, result.Error)))
            .ToList();
        var total = response.Results.Count + unreadable.Count;
        output.WriteLine($"Imported {total} file(s): {response.CreatedCount} created, {response.UnchangedCount} unchanged, {failures.Count} failed");
        foreach (var failure in failures)
        {
            output.WriteLine($"  failed: {failure.SourceUri}: {failure.Error}");
        }
    }
}
