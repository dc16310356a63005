using DocStream.Core.Documents;
using DocStream.Core.Storage;

namespace DocStream.Core.Tests.Ingest;

/// <summary>A store's writer that records the batches it was given before passing them on.</summary>
internal sealed class RecordingWriter(IDocumentWriter inner) : IDocumentWriter
{
    public List<int> AddBatches { get; } = [];

    public List<int> ReplaceBatches { get; } = [];

    public Task<IReadOnlyList<AddResult>> AddAsync(IReadOnlyList<NewDocument> documents, CancellationToken cancellationToken)
    {
        AddBatches.Add(documents.Count);
        return inner.AddAsync(documents, cancellationToken);
    }

    public Task<int> ReplaceParsedAsync(IReadOnlyList<ParsedReplacement> replacements, int parserVersion, CancellationToken cancellationToken)
    {
        ReplaceBatches.Add(replacements.Count);
        return inner.ReplaceParsedAsync(replacements, parserVersion, cancellationToken);
    }

    public Task<DeleteOutcome> DeleteAsync(string id, string? expectedEtag, CancellationToken cancellationToken) =>
        inner.DeleteAsync(id, expectedEtag, cancellationToken);

    public Task<GroupingPage> GroupAsync(GroupingQuery query, CancellationToken cancellationToken) => inner.GroupAsync(query, cancellationToken);

    public Task ForgetStoriesAsync(CancellationToken cancellationToken) => inner.ForgetStoriesAsync(cancellationToken);
}
