using Antonio.Data;
using Antonio.Data.Telemetry;
using Microsoft.EntityFrameworkCore;

namespace Antonio.Web.Observability;

/// <summary>Real-user Core Web Vitals, p75/p95 and ratings per route and vital over a window (one query; for the admin performance page).</summary>
public sealed class WebVitalsReader(IDbContextFactory<AntonioDbContext> dbFactory, TimeProvider clock)
{
    public async Task<IReadOnlyList<WebVitalStats>> LastHoursAsync(int hours, string? navigation = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await WebVitalStatsQuery.SinceAsync(db, clock.GetUtcNow().AddHours(-hours), navigation, ct);
    }
}
