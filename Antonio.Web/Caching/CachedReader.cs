using Antonio.Data;
using Antonio.Web.Observability;
using Microsoft.EntityFrameworkCore;
using ZiggyCreatures.Caching.Fusion;

namespace Antonio.Web.Caching;

/// <summary>
/// Runs a database read through the cache: a fresh pooled DbContext per factory run (so a factory
/// that finishes in the background after a soft timeout never touches a disposed request scope),
/// and cache reads/misses recorded on the current request for Server-Timing.
/// </summary>
public sealed class CachedReader(IFusionCache cache, IDbContextFactory<AntonioDbContext> dbFactory, RequestStatsAccessor stats)
{
    public async ValueTask<T> GetAsync<T>(string key, FusionCacheEntryOptions options,
        Func<AntonioDbContext, CancellationToken, Task<T>> load, Func<T, IEnumerable<string>> tags, CancellationToken ct = default)
    {
        var requestStats = stats.Current;
        requestStats?.AddCacheRead();
        return await cache.GetOrSetAsync<T>(key, async (ctx, token) =>
        {
            requestStats?.AddCacheMiss();
            await using var db = await dbFactory.CreateDbContextAsync(token);
            var value = await load(db, token);
            ctx.Tags = tags(value).ToArray();
            return value;
        }, options: options, token: ct);
    }
}
