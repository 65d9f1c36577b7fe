using Antonio.Web.Admin;
using OpenTelemetry.Metrics;
using ZiggyCreatures.Caching.Fusion;

namespace Antonio.Web.Observability;

public static class ObservabilityRegistration
{
    /// <summary>
    /// Metrics through System.Diagnostics.Metrics + OpenTelemetry, exported for Prometheus: the app's
    /// own meter, ASP.NET Core's request duration by route, and FusionCache's meters (hits, misses,
    /// stale served, factory errors, per level).
    /// </summary>
    public static IServiceCollection AddAntonioObservability(this IServiceCollection services)
    {
        services.AddOptions<ObservabilityOptions>().BindConfiguration(ObservabilityOptions.Section).ValidateOnStart()
            .Validate(o => o.MetricsPort is null or (> 0 and < 65536), "Antonio:Observability:MetricsPort is not a port.");
        services.AddSingleton<AppMetrics>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(AppMetrics.MeterName, "Microsoft.AspNetCore.Hosting",
                FusionCacheDiagnostics.MeterName, FusionCacheDiagnostics.MeterNameMemoryLevel,
                FusionCacheDiagnostics.MeterNameDistributedLevel, FusionCacheDiagnostics.MeterNameBackplane)
            .AddPrometheusExporter());
        services.AddAdminAuthorization();
        return services;
    }

    /// <summary>
    /// /metrics: on the management port only when Antonio:Observability:MetricsPort is set (Prometheus scrapes it
    /// there, it is never exposed with the site), otherwise to signed-in admins.
    /// </summary>
    public static void MapAntonioMetrics(this WebApplication app)
    {
        var endpoint = app.MapPrometheusScrapingEndpoint("/metrics");
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ObservabilityOptions>>().Value.MetricsPort is { } port) endpoint.RequireHost($"*:{port}");
        else endpoint.RequireAuthorization(AdminAuthorization.Policy);
        app.MapRumEndpoint();
    }
}
