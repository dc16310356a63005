using DocStream.Testing;

namespace DocStream.Clients.Tests;

/// <summary>One real server process with the five sample documents, shared by every client suite.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    /// <summary>The running server.</summary>
    public DocStreamServerProcess Server { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync() => Server = await DocStreamServerProcess.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        var errors = Server.LoggedErrors();
        await Server.DisposeAsync();
        Assert.True(errors.Count == 0, "The server logged errors:\n" + string.Join('\n', errors));
    }
}

[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "clients-server";
}
