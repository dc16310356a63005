using System.Collections.Concurrent;
using DocStream.Contracts.V1;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace DocStream.Server.Tests.InProcess;

/// <summary>
/// The real host (<see cref="Program"/>, its wiring and a real SQLite file in a temporary directory) on ASP.NET
/// Core's test server, called through the generated client over the test server's handler: the service layer
/// without a socket or a process. Starts with an empty store and small messages, so that a few kilobytes exercise
/// the paging budget and chunking. Errors the server logs are collected for the test to check.
/// </summary>
public sealed class DocStreamApplicationFactory : WebApplicationFactory<Program>
{
    /// <summary>The largest message the server sends: small, so that modest documents go in chunks.</summary>
    public const int MaxMessageBytes = 16 * 1024;

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("docstream-inprocess-").FullName;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly ConcurrentQueue<string> _errors = new();
    private GrpcChannel? _channel;

    /// <summary>A server with the test defaults and <paramref name="settings"/> (configuration keys and values) over them.</summary>
    public DocStreamApplicationFactory(IReadOnlyDictionary<string, string>? settings = null) => _settings = settings ?? new Dictionary<string, string>();

    /// <summary>Everything the server logged at error level or above.</summary>
    public IReadOnlyCollection<string> LoggedErrors => _errors;

    /// <summary>A channel to the in-process server.</summary>
    public GrpcChannel Channel => _channel ??= GrpcChannel.ForAddress(Server.BaseAddress, new GrpcChannelOptions { HttpHandler = Server.CreateHandler() });

    /// <summary>A generated client on <see cref="Channel"/>.</summary>
    public DocumentService.DocumentServiceClient Client => new(Channel);

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("Storage:DataDirectory", _dataDirectory);
        builder.UseSetting("Corpus:ImportSamplesWhenEmpty", "false");
        builder.UseSetting("Limits:MaxMessageBytes", MaxMessageBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(new ErrorCollector(_errors)));
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        _channel?.Dispose();
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            DeleteDataDirectory();
        }
    }

    /// <summary>
    /// Deletes the data directory once the host has let go of it. Program's own thread disposes the host too when its
    /// <c>app.Run()</c> returns, racing the factory's disposal, so the search index may still be writing its last commit.
    /// </summary>
    private void DeleteDataDirectory()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
                return;
            }
            catch (IOException) when (attempt < 50)
            {
                Thread.Sleep(100);
            }
        }
    }

    private sealed class ErrorCollector(ConcurrentQueue<string> errors) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, errors);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> errors) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    errors.Enqueue($"{category}: {formatter(state, exception)} {exception}");
                }
            }
        }
    }
}

/// <summary>
/// One in-process server per test class, checked at the end for logged errors, so an exception swallowed into a
/// status still gets noticed.
/// </summary>
public abstract class InProcessTests(IReadOnlyDictionary<string, string>? settings = null) : IAsyncLifetime
{
    /// <summary>The in-process server.</summary>
    protected DocStreamApplicationFactory Factory { get; } = new(settings);

    /// <summary>The generated client.</summary>
    protected DocumentService.DocumentServiceClient Client => Factory.Client;

    /// <summary>The channel of <see cref="Client"/>, for calls made by hand.</summary>
    protected GrpcChannel Channel => Factory.Channel;

    /// <inheritdoc />
    public Task InitializeAsync()
    {
        // Starts the host: the store opens before the first call.
        _ = Factory.Server;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        var errors = Factory.LoggedErrors.ToArray();
        await Factory.DisposeAsync();
        Assert.True(errors.Length == 0, "The server logged errors:\n" + string.Join('\n', errors));
    }
}
