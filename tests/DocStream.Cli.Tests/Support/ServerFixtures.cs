using DocStream.Testing;

namespace DocStream.Cli.Tests.Support;

/// <summary>A real server process, shared by the tests of a collection and checked for logged errors at the end.</summary>
public abstract class ServerFixture(params string[] arguments) : IAsyncLifetime
{
    /// <summary>The running server.</summary>
    public DocStreamServerProcess Server { get; private set; } = null!;

    /// <summary>The server's address, for <c>--address</c>.</summary>
    public string Address => Server.Address;

    /// <inheritdoc />
    public async Task InitializeAsync() => Server = await DocStreamServerProcess.StartAsync(null, arguments);

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        var errors = Server.LoggedErrors();
        await Server.DisposeAsync();
        Assert.True(errors.Count == 0, "The server logged errors:\n" + string.Join('\n', errors));
    }
}

/// <summary>A server holding exactly the five sample documents; its tests only read.</summary>
public sealed class SampleServerFixture : ServerFixture;

/// <summary>
/// A server that starts empty, for the tests that import and delete. Its message limit is lowered to 32 KiB so that
/// a modest document already has to travel in chunks.
/// </summary>
public sealed class ScratchServerFixture() : ServerFixture("--Corpus:ImportSamplesWhenEmpty=false", $"--Limits:MaxMessageBytes={MaxMessageBytes}")
{
    /// <summary>The server's message limit.</summary>
    public const int MaxMessageBytes = 32 * 1024;
}

[CollectionDefinition(Name)]
public sealed class SampleServerCollection : ICollectionFixture<SampleServerFixture>
{
    public const string Name = "sample server";
}

[CollectionDefinition(Name)]
public sealed class ScratchServerCollection : ICollectionFixture<ScratchServerFixture>
{
    public const string Name = "scratch server";
}
