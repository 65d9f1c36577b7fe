namespace Antonio.Web.Hosting;

/// <summary>How a node leaves (<c>Antonio:Drain</c>): first not ready, then no new work, then gone.</summary>
public sealed class DrainOptions
{
    public const string Section = "Antonio:Drain";

    /// <summary>
    /// After SIGTERM, how long the node keeps serving while /health/ready says 503, so the load balancer's health
    /// checks see it leave before it stops accepting connections: longer than the balancer's check interval times
    /// its fall count (docs/ops/haproxy.cfg: 1 s × 2).
    /// </summary>
    public TimeSpan NotReadyFor { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Then how long requests in flight (streamed pages included) may take to finish before the process ends.</summary>
    public TimeSpan FinishWithin { get; set; } = TimeSpan.FromSeconds(20);
}
