namespace Antonio.Web.Observability;

/// <summary>What the app reveals about its own workings, and where (<c>Antonio:Observability</c>).</summary>
public sealed class ObservabilityOptions
{
    public const string Section = "Antonio:Observability";

    /// <summary>
    /// Send the Server-Timing header (queries, cache hit/miss, server time) to every visitor. Off by
    /// default: then only signed-in admins get it, since it tells an outsider what is cached and how
    /// the database behaves. On in Development.
    /// </summary>
    public bool ServerTimingForEveryone { get; set; }

    /// <summary>
    /// An OpenTelemetry collector (OTLP, e.g. <c>http://collector:4317</c>) to send traces to: each request's span with the
    /// SQL commands, cache operations and outgoing HTTP calls under it. Unset: no trace is recorded at all (nothing
    /// listens, so a request pays nothing for it).
    /// </summary>
    public Uri? TracesEndpoint { get; set; }

    /// <summary>Serve /metrics (Prometheus) only on this port (add it to --urls); unset: /metrics is for signed-in admins.</summary>
    public int? MetricsPort { get; set; }
}
