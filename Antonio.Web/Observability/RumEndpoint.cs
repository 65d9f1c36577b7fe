using System.Threading.RateLimiting;
using Antonio.Data;
using Antonio.Data.Telemetry;
using Antonio.Web.Security;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Antonio.Web.Observability;

/// <summary>One Core Web Vitals measurement as the browser sends it.</summary>
public sealed record RumMetric(string? Route, string? Name, double? Value);

/// <summary>
/// POST /rum: real-user Core Web Vitals from the browser's sendBeacon. Validates everything (size,
/// names, ranges, route shape), rate-limits per client address, and stores the rows in web_vitals.
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

    public static IServiceCollection AddRumRateLimit(this IServiceCollection services)
    {
        SharedRateLimits.AddPerMinutePolicy(services, RateLimitPolicy, SharedRateLimits.ClientOf, limits => limits.RumPostsPerClientPerMinute);
        return services;
    }

    public static void MapRumEndpoint(this IEndpointRouteBuilder app) =>
        app.MapPost("/rum", async (HttpContext context, IDbContextFactory<AntonioDbContext> dbFactory, TimeProvider clock) =>
        {
            var metrics = await ReadAsync(context.Request);
            if (metrics is null) return Results.BadRequest("Expected a JSON array of up to 10 {route, name, value} metrics, under 4 KB.");
            await using var db = await dbFactory.CreateDbContextAsync();
            var now = clock.GetUtcNow();
            db.WebVitals.AddRange(metrics.Select(m => new WebVital { Route = m.Route!, Name = m.Name!, Value = m.Value!.Value, CreatedAt = now }));
            await db.SaveChangesAsync();
            return Results.NoContent();
        }).DisableAntiforgery().RequireRateLimiting(RateLimitPolicy);

    /// <summary>The valid metrics of a request body, or null when anything about it is off.</summary>
    internal static async Task<List<RumMetric>?> ReadAsync(HttpRequest request) =>
        await SmallJsonBody.ReadAsync<List<RumMetric>>(request, MaxBodyBytes) is { Count: > 0 and <= MaxMetricsPerPost } metrics && metrics.All(IsValid)
            ? metrics : null;

    private static bool IsValid(RumMetric? m) =>
        m?.Name is not null && MaxValues.TryGetValue(m.Name, out var max)
        && m.Value is { } v && double.IsFinite(v) && v >= 0 && v <= max
        && m.Route is { Length: > 0 and <= 200 } route && route[0] == '/' && route.All(c => c > ' ' && c < 127);
}
