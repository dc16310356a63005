using DocStream.Core.Storage;
using DocStream.Core.Stories;
using DocStream.Testing.Storage;

namespace DocStream.Storage.Tests;

/// <summary>The compliance suite on the in-memory store the unit tests stand on, so that it behaves as the real ones do.</summary>
public sealed class InMemoryDocumentStoreTests : DocumentStoreCompliance
{
    protected override Task<IDocumentStore> CreateStoreAsync(IStoryAssigner? assigner = null) =>
        Task.FromResult<IDocumentStore>(new InMemoryDocumentStore(new InMemoryDatabase(), assigner));

    protected override bool HearsOtherInstances => true;

    protected override Task<IDocumentStore> OpenSameDatabaseAsync(IDocumentStore store, IStoryAssigner? assigner = null) =>
        Task.FromResult<IDocumentStore>(new InMemoryDocumentStore(((InMemoryDocumentStore)store).Database, assigner));

    protected override Task SetParserVersionAsync(IDocumentStore store, string id, int parserVersion)
    {
        ((InMemoryDocumentStore)store).Database.SetParserVersion(id, parserVersion);
        return Task.CompletedTask;
    }
}
