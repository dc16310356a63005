namespace DocStream.Testing;

/// <summary>
/// A real server process shared by the tests of a collection; at the end it fails the collection if the server
/// logged an error, so an exception swallowed into a status still gets noticed.
/// </summary>
/// <param name="arguments">Extra server configuration, e.g. <c>--Corpus:ImportSamplesWhenEmpty=false</c>.</param>
public abstract class ServerProcessFixture(params string[] arguments) : IAsyncLifetime
{
    /// <summary>The running server.</summary>
    public DocStreamServerProcess Server { get; private set; } = null!;

    /// <summary>The server's address.</summary>
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

/// <summary>A server holding the five sample documents, as a new user's first start gives.</summary>
public sealed class SampleCorpusServerFixture : ServerProcessFixture;
