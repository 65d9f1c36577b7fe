namespace Antonio.Web.Hosting;

/// <summary>
/// A check every node runs from the app's start (its database migrated, its public address known) and again every
/// <see cref="Interval"/>, whatever its clock says: what it does must be safe when several nodes, and restarts, ask at
/// once (a unique key in the database settles it). A failed run is logged and the next one tries again.
/// </summary>
public abstract partial class EveryNodeCheck(IHostApplicationLifetime lifetime, ILogger log) : BackgroundService
{
    /// <summary>What the log calls it when a run fails.</summary>
    protected abstract string Name { get; }

    /// <summary>Read before each wait: the interval may be changed on a running node.</summary>
    protected abstract TimeSpan Interval { get; }

    protected abstract Task RunOnceAsync(CancellationToken ct);

    private readonly TaskCompletionSource _firstRun = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Done when the run at start has ended (done or failed): what a node does on its own before it is asked anything.</summary>
    public Task FirstRun => _firstRun.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            await started.Task.WaitAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(log, e, Name);
            }
            _firstRun.TrySetResult();
            await Task.Delay(Interval, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Check} failed; the next run tries again")]
    private static partial void LogFailed(ILogger logger, Exception error, string check);
}
