using Microsoft.Extensions.Options;

namespace DocStream.Server.Hosting;

/// <summary>
/// The graceful stop on SIGTERM. When the host begins to stop, health turns NOT_SERVING and new calls are refused; the
/// calls in flight get <see cref="ShutdownOptions.DrainTimeout"/> to finish before <see cref="DrainEnded"/> ends them.
/// The host stops Kestrel only once they all have answered, so each of them ends with a status of the server's own
/// and not with a reset connection.
/// </summary>
public sealed partial class ShutdownDrain : IHostedLifecycleService, IDisposable
{
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _drainEnded = new();
    private readonly TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeSpan _drainTimeout;
    private readonly ILogger<ShutdownDrain> _logger;
    private int _inFlight;
    private bool _stopping;

    /// <summary>Creates the drain; it begins when <paramref name="lifetime"/> signals the host is stopping.</summary>
    public ShutdownDrain(IHostApplicationLifetime lifetime, IOptions<ShutdownOptions> options, ILogger<ShutdownDrain> logger)
    {
        ArgumentNullException.ThrowIfNull(lifetime);
        ArgumentNullException.ThrowIfNull(options);
        _drainTimeout = options.Value.DrainTimeout;
        _logger = logger;
        lifetime.ApplicationStopping.Register(Begin);
    }

    /// <summary>True from the moment the host begins to stop.</summary>
    public bool IsStopping
    {
        get
        {
            lock (_gate)
            {
                return _stopping;
            }
        }
    }

    /// <summary>Cancelled when the calls in flight at SIGTERM have had their drain timeout.</summary>
    public CancellationToken DrainEnded => _drainEnded.Token;

    /// <summary>Counts a new call in; false once the server is stopping, when the call must be refused.</summary>
    public bool TryEnterCall()
    {
        lock (_gate)
        {
            if (_stopping)
            {
                return false;
            }

            _inFlight++;
            return true;
        }
    }

    /// <summary>Counts a call that <see cref="TryEnterCall"/> let in out again, once it has its answer.</summary>
    public void ExitCall()
    {
        lock (_gate)
        {
            _inFlight--;
            if (_stopping && _inFlight == 0)
            {
                _idle.TrySetResult();
            }
        }
    }

    /// <summary>
    /// Runs before any hosted service or Kestrel stops: waits until every call has answered, so that Kestrel, stopped
    /// next, has nothing left to reset. <paramref name="cancellationToken"/> is the host's shutdown timeout.
    /// </summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        // On SIGTERM the lifetime signals first; a host stopped in code (StopAsync) may call this before it signals.
        Begin();
        int inFlight;
        lock (_gate)
        {
            inFlight = _inFlight;
        }

        if (inFlight > 0)
        {
            LogDraining(inFlight, _drainTimeout);
        }

        try
        {
            await _idle.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            lock (_gate)
            {
                inFlight = _inFlight;
            }

            LogDrainOverran(inFlight);
        }
    }

    /// <inheritdoc />
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public void Dispose() => _drainEnded.Dispose();

    private void Begin()
    {
        lock (_gate)
        {
            if (_stopping)
            {
                return;
            }

            _stopping = true;
            if (_inFlight == 0)
            {
                _idle.TrySetResult();
            }
        }

        if (_drainTimeout > TimeSpan.Zero)
        {
            _drainEnded.CancelAfter(_drainTimeout);
        }
        else
        {
            _drainEnded.Cancel();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Shutting down: refusing new calls; {InFlight} calls in flight have {DrainTimeout} to finish")]
    private partial void LogDraining(int inFlight, TimeSpan drainTimeout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutting down: {InFlight} calls had not answered when the shutdown timeout ran out; Kestrel resets them")]
    private partial void LogDrainOverran(int inFlight);
}
