using Antonio.Data;
using Antonio.Web.Observability;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using ZiggyCreatures.Caching.Fusion;

namespace Antonio.Web.Caching;

/// <summary>
/// Runs a database read through the cache: a fresh pooled DbContext per factory run (so a factory
/// that finishes in the background after a hard timeout never touches a disposed request scope),
/// and cache reads/misses recorded on the current request for Server-Timing. A read that finds
/// nothing (an unknown slug, an unknown coupon code) is remembered briefly and only in this node's
/// memory: anyone can ask for endless made-up names, and they must fill neither Redis nor memory — at most
/// <see cref="CacheOptions.MaxRememberedMisses"/> are remembered at once (a ledger of them, bounded, admits each).
/// Within one request a
/// key is read once (<see cref="RequestReads"/>): several parts of a page ask for the same workshop or
/// snapshot, and each lookup in the cache checks its tags.
/// </summary>
/// <remarks>
/// <see cref="FastPathOptions.DataCache"/> off: every read asks the database (the slow path the cache is
/// compared with); <see cref="FastPathOptions.DataCacheL2"/> off: entries stay in this node's memory.
/// </remarks>
public sealed class CachedReader(IFusionCache cache, IDbContextFactory<AntonioDbContext> dbFactory, RequestStatsAccessor stats, IHttpContextAccessor http,
    Microsoft.Extensions.Options.IOptions<CacheOptions> options, Microsoft.Extensions.Options.IOptionsMonitor<FastPathOptions> fastPaths,
    AppMetrics metrics) : IDisposable
{
    private readonly MemoryCache _misses = new(new MemoryCacheOptions
    {
        SizeLimit = Math.Max(1, options.Value.MaxRememberedMisses),
    });

    /// <summary>How many misses are remembered now (at most <see cref="CacheOptions.MaxRememberedMisses"/>).</summary>
    public int RememberedMisses => _misses.Count;

    /// <summary>How long "there is no such thing" is remembered (in memory only).</summary>
    public static readonly TimeSpan MissDuration = TimeSpan.FromSeconds(30);

    public async ValueTask<T> GetAsync<T>(string key, FusionCacheEntryOptions options,
        Func<AntonioDbContext, CancellationToken, Task<T>> load, Func<T, IEnumerable<string>> tags, CancellationToken ct = default)
    {
        var context = http.HttpContext;
        if (RequestReads.TryGet(context, key, out T? known)) return known!;
        var requestStats = stats.Current;
        requestStats?.AddCacheRead();
        var paths = fastPaths.CurrentValue;
        string[]? entryTags = null;
        var (ran, finished) = (false, false);
        T result;
        if (!paths.DataCache)
        {
            // The slow path the cache is compared with: the database, every time.
            requestStats?.AddCacheMiss();
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            result = await load(db, ct);
        }
        else result = await cache.GetOrSetAsync<T>(key, async (ctx, token) =>
        {
            ran = true;
            requestStats?.AddCacheMiss();
            await using var db = await dbFactory.CreateDbContextAsync(token);
            var value = await load(db, token);
            ctx.Tags = entryTags = tags(value).ToArray();
            if (value is null)
            {
                ctx.Options.Duration = MissDuration;
                ctx.Options.IsFailSafeEnabled = false;
                ctx.Options.SkipDistributedCacheWrite = true;
                ctx.Options.SkipBackplaneNotifications = true;
                if (!AdmitMiss(key)) ctx.Options.SkipMemoryCacheWrite = true;
            }
            finished = true;
            return value;
        }, options: paths.DataCacheL2 ? options : WithoutL2(options), token: ct);
        metrics.RecordEntryRead(CacheKeys.KindOf(key), miss: ran || !paths.DataCache);
        // The factory ran but had not finished: fail-safe answered with the previous value (an error or the hard timeout).
        if (ran && !finished) StaleReads.Mark(context);
        // Whoever is collecting (the page cache, for an anonymous page it stores) learns this entry's
        // tags; nobody is collecting for a signed-in request, so a hit computes no tags there.
        if (CacheReadTags.Of(context) is { } collected) collected.UnionWith(entryTags ?? tags(result));
        RequestReads.Remember(context, key, result, () => entryTags ?? tags(result));
        return result;
    }

    private static FusionCacheEntryOptions WithoutL2(FusionCacheEntryOptions options)
    {
        var local = options.Duplicate();
        local.SkipDistributedCacheRead = local.SkipDistributedCacheWrite = true;
        return local;
    }

    /// <summary>Whether there is room to remember one more miss; if so its place is taken for as long as it is remembered.</summary>
    private bool AdmitMiss(string key)
    {
        if (_misses.Count >= options.Value.MaxRememberedMisses) return false;
        _misses.Set(key, true, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = MissDuration });
        return true;
    }

    public void Dispose() => _misses.Dispose();
}
