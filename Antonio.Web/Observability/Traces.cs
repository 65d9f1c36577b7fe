using Npgsql;
using OpenTelemetry.Trace;
using ZiggyCreatures.Caching.Fusion;

namespace Antonio.Web.Observability;

/// <summary>
/// What a trace holds: the request's span (named by its route, with its query count and cache outcome:
/// <see cref="RequestMetricsMiddleware"/>), and under it every SQL command (Npgsql), every cache operation
/// (FusionCache) and every outgoing HTTP call (Mux, the payment provider); and each e-mail the outbox delivers, with
/// its SQL and SMTP time. Scrapes and health probes are left out: they would be most of the spans and tell nothing.
/// </summary>
public static class Traces
{
    public static TracerProviderBuilder Record(TracerProviderBuilder tracing) => tracing
        .AddAspNetCoreInstrumentation(o => o.Filter = context =>
            !context.Request.Path.StartsWithSegments("/metrics") && !context.Request.Path.StartsWithSegments("/health"))
        .AddHttpClientInstrumentation()
        .AddNpgsql()
        .AddSource(FusionCacheDiagnostics.ActivitySourceName)
        // The app's own sources (the outbox's deliveries: Mail/OutboxDispatcher.cs), each named in its own room.
        .AddSource(AppSources);

    public const string AppSources = "Antonio.*";
}
