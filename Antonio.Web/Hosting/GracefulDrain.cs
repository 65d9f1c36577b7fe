using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Antonio.Web.Hosting;

/// <summary>
/// A node leaving without failing a request: on SIGTERM it first turns not-ready (the readiness check below fails,
/// so the load balancer stops sending it new requests) while it keeps serving for <see cref="DrainOptions.NotReadyFor"/>;
/// only then does the host stop Kestrel, which refuses new connections and lets those in flight finish within
/// <see cref="DrainOptions.FinishWithin"/> (the host's shutdown timeout). A lifecycle service's StoppingAsync runs
/// before any hosted service (the web server included) is stopped, which is what gives the balancer time to notice.
/// </summary>
public sealed partial class GracefulDrain(IOptions<DrainOptions> options, ILogger<GracefulDrain> logger) : IHostedLifecycleService, IHealthCheck
{
    private volatile bool _draining;

    public bool IsDraining => _draining;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        _draining = true;
        LogDraining(logger, options.Value.NotReadyFor.TotalSeconds);
        try { await Task.Delay(options.Value.NotReadyFor, cancellationToken); }
        catch (OperationCanceledException) { /* the host gave up waiting: stop now */ }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_draining ? HealthCheckResult.Unhealthy("draining: this node is shutting down") : HealthCheckResult.Healthy());

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Draining: not ready for {Seconds} s, then the server stops accepting and finishes what is in flight")]
    private static partial void LogDraining(ILogger logger, double seconds);
}
