using DocStream.Testing;

namespace DocStream.Server.Tests.EndToEnd;

[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<SampleCorpusServerFixture>
{
    public const string Name = "server";
}
