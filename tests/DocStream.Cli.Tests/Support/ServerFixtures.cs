using DocStream.Testing;

namespace DocStream.Cli.Tests.Support;

/// <summary>
/// A server that starts empty, for the tests that import and delete. Its message limit is lowered to 32 KiB so that
/// a modest document already has to travel in chunks.
/// </summary>
public sealed class ScratchServerFixture() : ServerProcessFixture("--Corpus:ImportSamplesWhenEmpty=false", $"--Limits:MaxMessageBytes={MaxMessageBytes}")
{
    /// <summary>The server's message limit.</summary>
    public const int MaxMessageBytes = 32 * 1024;
}

[CollectionDefinition(Name)]
public sealed class SampleServerCollection : ICollectionFixture<SampleCorpusServerFixture>
{
    public const string Name = "sample server";
}

[CollectionDefinition(Name)]
public sealed class ScratchServerCollection : ICollectionFixture<ScratchServerFixture>
{
    public const string Name = "scratch server";
}
