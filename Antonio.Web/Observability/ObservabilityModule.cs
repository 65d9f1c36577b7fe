using Microsoft.EntityFrameworkCore.Diagnostics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using ZiggyCreatures.Caching.Fusion;

namespace Antonio.Web.Observability;

/// <summary>
/// What the app measures about itself: SQL commands per request (for Server-Timing, the budgets'
/// tests and the log), metrics through System.Diagnostics.Metrics + OpenTelemetry exported for
/// Prometheus (the app's own meter, the framework's meters, FusionCache's meters; docs/ops has the alert rules and
/// dashboard over them),
/// traces (OpenTelemetry, sent to a collector when one is configured: <see cref="Traces"/>), and the browser's Core
/// Web Vitals.
/// </summary>
public static class ObservabilityModule
{
    public static WebApplicationBuilder AddObservability(this WebApplicationBuilder builder)
    {
        builder.AddSettings<ObservabilityOptions, ObservabilityOptionsValidator>(ObservabilityOptions.Section);
        var services = builder.Services;
        services.AddSingleton<RequestStatsAccessor>();
        services.AddSingleton<QueryCounterInterceptor>();
        services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<QueryCounterInterceptor>());
        services.AddSingleton<RequestLog>();
        services.AddSingleton<AppMetrics>();
        services.AddSingleton<WebVitalsReader>();
        services.AddSingleton<KnownRoutes>();
        services.AddSingleton<DatabaseHealthReader>();
        var telemetry = services.AddOpenTelemetry();
        if (builder.Configuration.GetSection(ObservabilityOptions.Section).Get<ObservabilityOptions>()?.TracesEndpoint is { } collector)
            telemetry.WithTracing(tracing => Traces.Record(tracing).AddOtlpExporter(o => o.Endpoint = collector));
        telemetry.WithMetrics(metrics => metrics
            .AddMeter(AppMetrics.MeterName,
                // The framework's own: request duration by route (http.server.request.duration), the runtime (GC,
                // thread pool, memory), Kestrel's connections, the rate limiter's decisions, Identity's sign-ins,
                // Npgsql's connection pool (saturation).
                "Microsoft.AspNetCore.Hosting", "System.Runtime", "Microsoft.AspNetCore.Server.Kestrel",
                "Microsoft.AspNetCore.RateLimiting", "Microsoft.AspNetCore.Identity", "Npgsql",
                FusionCacheDiagnostics.MeterName, FusionCacheDiagnostics.MeterNameMemoryLevel,
                FusionCacheDiagnostics.MeterNameDistributedLevel, FusionCacheDiagnostics.MeterNameBackplane)
            .AddPrometheusExporter());
        services.AddRumRateLimit();
        return builder;
    }

    /// <summary>First in the pipeline: every request is counted and timed, whatever answers it.</summary>
    public static WebApplication UseObservability(this WebApplication app)
    {
        app.UseMiddleware<RequestMetricsMiddleware>();
        return app;
    }

    /// <summary>
    /// /metrics: on the management port only when <see cref="ObservabilityOptions.MetricsPort"/> is set
    /// (Prometheus scrapes it there; it is never exposed with the site), otherwise for users who meet
    /// <paramref name="staffPolicy"/>. And /rum, the browser's beacon.
    /// </summary>
    public static WebApplication MapObservability(this WebApplication app, string staffPolicy)
    {
        var endpoint = app.MapPrometheusScrapingEndpoint("/metrics");
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ObservabilityOptions>>().Value.MetricsPort is { } port) endpoint.RequireHost($"*:{port}");
        else endpoint.RequireAuthorization(staffPolicy);
        app.MapRumEndpoint();
        return app;
    }
}
