
namespace Antonio.Data.Telemetry;

public sealed record WebVitalStats(string Route, string Name, long Samples, double P50, double P95);

/// <summary>p50/p95 of each vital per route since a moment, in ONE SQL command (index on created_at, route).</summary>
public static class WebVitalStatsQuery
{
    public static async Task<IReadOnlyList<WebVitalStats>> SinceAsync(AntonioDbContext db, DateTimeOffset since, CancellationToken ct = default)
    {
        return await QueryJson.ReadAsync<List<WebVitalStats>>(db, """
            SELECT COALESCE(json_agg(x ORDER BY x.route, x.name), '[]'::json) AS "Value" FROM (
              SELECT route, name, count(*) AS samples,
                     percentile_cont(0.5) WITHIN GROUP (ORDER BY value) AS p50,
                     percentile_cont(0.95) WITHIN GROUP (ORDER BY value) AS p95
                FROM web_vitals WHERE created_at >= {0} GROUP BY route, name) x
            """, [since], ct) ?? [];
    }
}
