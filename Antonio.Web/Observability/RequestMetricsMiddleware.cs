using System.Diagnostics;
using System.Globalization;
using Antonio.Data.Identity;
using Microsoft.Extensions.Options;

namespace Antonio.Web.Observability;

/// <summary>
/// Gives each request a <see cref="RequestStats"/>, writes Server-Timing when the headers leave
/// (db: commands so far and their time; cache: hit when no factory ran; app: time to first byte —
/// for admins, or everyone when <see cref="ObservabilityOptions.ServerTimingForEveryone"/>),
/// and one structured log line when the request ends.
/// </summary>
public sealed partial class RequestMetricsMiddleware(RequestDelegate next, RequestLog log, AppMetrics metrics, IOptions<ObservabilityOptions> options,
    ILogger<RequestMetricsMiddleware> logger)
{
    public const string RequestIdHeader = "X-Request-Id";

    public async Task InvokeAsync(HttpContext context)
    {
        var stats = new RequestStats();
        context.Features.Set(stats);
        var started = Stopwatch.GetTimestamp();
        var requestId = context.Request.Headers[RequestIdHeader].FirstOrDefault() is { Length: > 0 and <= 64 } given
            ? given : context.TraceIdentifier;

        context.Response.OnStarting(() =>
        {
            if (options.Value.ServerTimingForEveryone || context.User.IsInRole(SiteRoles.Admin))
                context.Response.Headers["Server-Timing"] = ServerTiming(stats, Stopwatch.GetElapsedTime(started));
            return Task.CompletedTask;
        });

        try
        {
            await next(context);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            var route = RouteOf(context);
            // The request's span (ASP.NET Core's, when a collector listens) carries what its children cannot say alone.
            if (Activity.Current is { IsAllDataRequested: true } span)
                span.SetTag(QueriesTag, stats.Queries).SetTag(CacheOutcomeTag, CacheOutcome(stats)).SetTag(RequestIdTag, requestId);
            log.Add(new RequestRecord(requestId, context.Request.Path, context.Response.StatusCode,
                stats.Queries, stats.CacheMisses, elapsed.TotalMilliseconds, route, stats.CacheReads));
            if (route is not null)
            {
                metrics.Record(route, context.Response.StatusCode, stats);
                LogRequest(logger, requestId, context.Request.Method, route, context.Request.Path.Value, context.Response.StatusCode,
                    elapsed.TotalMilliseconds, stats.Queries, stats.CacheReads, stats.CacheMisses);
            }
        }
    }

    /// <summary>The span's tags: the request's queries, how the caches answered, and the id its log line carries (a trace found from a log line).</summary>
    public const string QueriesTag = "antonio.db.queries", CacheOutcomeTag = "antonio.cache.outcome", RequestIdTag = "antonio.request.id";

    /// <summary>page (whole from the anonymous page cache), template (a signed-in page filled from its shared template),
    /// hit (every data read from the caches), miss (some read went to the database), none (nothing read).</summary>
    public static string CacheOutcome(RequestStats stats) =>
        stats.PageCacheHit ? "page" : stats.ViewerPageHit ? "template" : stats.CacheReads == 0 ? "none" : stats.CacheMisses == 0 ? "hit" : "miss";

    /// <summary>The endpoint's route pattern ("/workshops/{Workshop}"); null for static files and misses.</summary>
    private static string? RouteOf(HttpContext context) =>
        context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } pattern } && !pattern.StartsWith("/_", StringComparison.Ordinal)
            && context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is null
            ? pattern : null;

    public static string ServerTiming(RequestStats stats, TimeSpan app) => string.Create(CultureInfo.InvariantCulture,
        $"db;desc=\"{stats.Queries} queries\";dur={stats.DbTime.TotalMilliseconds:F2}, cache;desc=\"{(stats.CacheMisses == 0 ? "hit" : "miss")}\", {(stats.PageCacheHit ? "page;desc=\"hit\", " : "")}{(stats.ViewerPageHit ? "page;desc=\"template\", " : "")}app;dur={app.TotalMilliseconds:F2}");

    /// <summary>One line per request; scripts/bench.sh reads its query count.</summary>
    [LoggerMessage(Level = LogLevel.Information, Message = "request {RequestId} {Method} {Route} {Path} {Status} {DurationMs:F2}ms queries={Queries} cache_reads={CacheReads} cache_misses={CacheMisses}")]
    private static partial void LogRequest(ILogger logger, string requestId, string method, string route, string? path, int status, double durationMs,
        int queries, int cacheReads, int cacheMisses);
}
