using System.Threading.RateLimiting;
using Antonio.Data;
using Antonio.Data.Telemetry;
using Antonio.Web.Security;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Antonio.Web.Observability;

/// <summary>
/// One Core Web Vitals measurement as the browser's rum.js (web-vitals) sends it: the route pattern of its page
/// view, the vital, its value and how the view began (absent: a plain navigation).
/// </summary>
public sealed record RumMetric(string? Route, string? Name, double? Value, string? Navigation = null);

/// <summary>
/// POST /rum: real-user Core Web Vitals from the browser's sendBeacon. Validates everything (size, names, ranges,
/// navigation kinds, and a route that is one of this app's own route patterns — so neither the table nor the
/// metrics' labels grow with made-up routes), rate-limits per client, stores the rows in web_vitals and records
/// them in the antonio.rum.* histograms the alert rules watch.
/// </summary>
public static class RumEndpoint
{
    public const int MaxBodyBytes = 4096;
    public const int MaxMetricsPerPost = 10;
    public const string RateLimitPolicy = "rum";
    private static readonly Dictionary<string, double> MaxValues = new()
    {
        ["TTFB"] = 120_000, ["FCP"] = 120_000, ["LCP"] = 120_000, ["INP"] = 120_000, ["CLS"] = 100,
    };
    private const string PlainNavigation = "navigate";

    public static IServiceCollection AddRumRateLimit(this IServiceCollection services)
    {
        SharedRateLimits.AddPerMinutePolicy(services, RateLimitPolicy, SharedRateLimits.ClientOf, limits => limits.RumPostsPerClientPerMinute);
        return services;
    }

    public static void MapRumEndpoint(this IEndpointRouteBuilder app) =>
        app.MapPost("/rum", async (HttpContext context, IDbContextFactory<AntonioDbContext> dbFactory, TimeProvider clock, KnownRoutes routes, AppMetrics appMetrics) =>
        {
            var metrics = await ReadAsync(context.Request, routes);
            if (metrics is null) return Results.BadRequest("Expected a JSON array of up to 10 {route, name, value, navigation} metrics of this site's pages, under 4 KB.");
            await using var db = await dbFactory.CreateDbContextAsync();
            var now = clock.GetUtcNow();
            db.WebVitals.AddRange(metrics.Select(m => new WebVital
            {
                Route = m.Route!, Name = m.Name!, Value = m.Value!.Value, Navigation = m.Navigation ?? PlainNavigation, CreatedAt = now,
            }));
            await db.SaveChangesAsync();
            foreach (var m in metrics) appMetrics.RecordWebVital(m.Name!, m.Value!.Value, m.Route!, m.Navigation ?? PlainNavigation);
            return Results.NoContent();
        }).DisableAntiforgery().RequireRateLimiting(RateLimitPolicy);

    /// <summary>The valid metrics of a request body, or null when anything about it is off.</summary>
    internal static async Task<List<RumMetric>?> ReadAsync(HttpRequest request, KnownRoutes routes) =>
        await SmallJsonBody.ReadAsync<List<RumMetric>>(request, MaxBodyBytes) is { Count: > 0 and <= MaxMetricsPerPost } metrics && metrics.All(m => IsValid(m, routes))
            ? metrics : null;

    private static bool IsValid(RumMetric? m, KnownRoutes routes) =>
        m?.Name is not null && MaxValues.TryGetValue(m.Name, out var max)
        && m.Value is { } v && double.IsFinite(v) && v >= 0 && v <= max
        && m.Route is { } route && routes.IsPage(route)
        && (m.Navigation is null || WebVitalRatings.Navigations.Contains(m.Navigation));
}
