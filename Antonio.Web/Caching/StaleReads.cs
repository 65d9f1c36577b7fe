using Microsoft.AspNetCore.OutputCaching;

namespace Antonio.Web.Caching;

/// <summary>
/// A request that was answered from a stale cache entry — fail-safe handed back the previous value while the
/// database was down or past the factory's hard timeout — shows data older than what was written. It still goes to this
/// visitor, but no page cache may keep it: kept, the old data would outlive the removal by tag that preceded it
/// (the page is newer than the tag's expiry) for the page's whole lifetime.
/// </summary>
public static class StaleReads
{
    private sealed class Marker
    {
        public static readonly Marker Instance = new();
    }

    public static void Mark(HttpContext? context)
    {
        if (context is null) return;
        context.Features.Set(Marker.Instance);
        if (context.Features.Get<IOutputCacheFeature>() is { } output) output.Context.AllowCacheStorage = false;
    }

    public static bool Seen(HttpContext context) => context.Features.Get<Marker>() is not null;
}
