namespace Antonio.Data.Telemetry;

/// <summary>
/// One vital of one route over a window: how many samples, the 75th percentile (what Google judges a page by) and
/// the 95th, and the shares of samples rated good, needing improvement and poor (<see cref="WebVitalRatings"/>).
/// </summary>
public sealed record WebVitalStats(string Route, string Name, long Samples, double P75, double P95, double Good, double NeedsImprovement, double Poor);

/// <summary>The stats of each vital per route since a moment, in ONE SQL command (index on created_at, route).</summary>
public static class WebVitalStatsQuery
{
    /// <param name="navigation">Only page views that began this way (one of <see cref="WebVitalRatings.Navigations"/>); null for all.</param>
    public static async Task<IReadOnlyList<WebVitalStats>> SinceAsync(AntonioDbContext db, DateTimeOffset since, string? navigation = null, CancellationToken ct = default)
    {
        var names = WebVitalRatings.Lines.Keys.ToArray();
        var good = names.Select(n => WebVitalRatings.Lines[n].Good).ToArray();
        var poor = names.Select(n => WebVitalRatings.Lines[n].Poor).ToArray();
        return await QueryJson.ReadAsync<List<WebVitalStats>>(db, """
            SELECT COALESCE(json_agg(x ORDER BY x.route, x.name), '[]'::json) AS "Value" FROM (
              SELECT v.route, v.name, count(*) AS samples,
                     percentile_cont(0.75) WITHIN GROUP (ORDER BY v.value) AS p75,
                     percentile_cont(0.95) WITHIN GROUP (ORDER BY v.value) AS p95,
                     avg((v.value <= l.good)::int) AS good,
                     avg((v.value > l.good AND v.value <= l.poor)::int) AS "needsImprovement",
                     avg((v.value > l.poor)::int) AS poor
                FROM web_vitals v
                JOIN unnest({1}::text[], {2}::float8[], {3}::float8[]) AS l(name, good, poor) ON l.name = v.name
               WHERE v.created_at >= {0} AND ({4} = '' OR v.navigation = {4})
               GROUP BY v.route, v.name) x
            """, [since, names, good, poor, navigation ?? ""], ct) ?? [];
    }
}
