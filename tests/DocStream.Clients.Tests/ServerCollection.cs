using DocStream.Testing;

namespace DocStream.Clients.Tests;

/// <summary>One real server with the five sample documents, shared by every client suite.</summary>
[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<SampleCorpusServerFixture>
{
    public const string Name = "clients-server";
}
