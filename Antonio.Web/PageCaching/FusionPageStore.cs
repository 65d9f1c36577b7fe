using Antonio.Web.Caching;
using Antonio.Web.Observability;
using Microsoft.AspNetCore.OutputCaching;
using ZiggyCreatures.Caching.Fusion;

namespace Antonio.Web.PageCaching;

/// <summary>
/// The output cache's store in FusionCache's memory level only (pages are cheap to re-render from the
/// shared data cache, and large to ship through Redis); removal by tag is FusionCache's, so it reaches
/// every node.
/// </summary>
internal sealed class FusionPageStore(IFusionCache cache, RequestStatsAccessor stats) : IOutputCacheStore
{
    private static readonly FusionCacheEntryOptions Options = new()
    {
        Duration = PageCachingModule.Duration,
        SkipDistributedCacheRead = true,
        SkipDistributedCacheWrite = true,
        SkipBackplaneNotifications = true,
        IsFailSafeEnabled = false,
    };

    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var found = await cache.TryGetAsync<byte[]>(CacheKeys.Page(key), Options, cancellationToken);
        if (stats.Current is { } current) (current.PageCacheLookup, current.PageCacheHit) = (true, found.HasValue);
        return found.HasValue ? found.Value : null;
    }

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken) =>
        await cache.SetAsync(CacheKeys.Page(key), value,
            Options.Duplicate(validFor < PageCachingModule.Duration ? validFor : PageCachingModule.Duration), tags ?? [], cancellationToken);

    public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken) => cache.RemoveByTagAsync(tag, token: cancellationToken);
}
