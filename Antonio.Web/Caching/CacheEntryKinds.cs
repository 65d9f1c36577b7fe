using ZiggyCreatures.Caching.Fusion;

namespace Antonio.Web.Caching;

/// <summary>
/// Entry options per kind of data. Every kind: fail-safe (serve the last good value when Postgres or
/// Redis fails), eager refresh and jitter. Correctness after edits never depends on the duration: every write
/// path removes by tag. No kind has a soft timeout on its factory: FusionCache's removal by tag only marks the
/// entries expired, so a soft timeout would answer a slow reload with the value the write just dropped — an
/// edit, a purchase, a lesson marked done not shown to the person who made it (a loaded suite saw each). A slow
/// database holds the request instead, up to the hard timeout, after which fail-safe answers.
/// </summary>
public static class CacheEntryKinds
{
    /// <summary>Workshops, lessons, listings: change only through admin writes (which invalidate).</summary>
    public static readonly FusionCacheEntryOptions Content = Make(TimeSpan.FromMinutes(30));

    /// <summary>Rendered Markdown is addressed by content hash: it never goes stale.</summary>
    public static readonly FusionCacheEntryOptions Markdown = Make(TimeSpan.FromHours(12));

    /// <summary>Coupons and pricing inputs: short, because coupons expire and get used up.</summary>
    public static readonly FusionCacheEntryOptions Pricing = Make(TimeSpan.FromMinutes(1));

    /// <summary>
    /// Access snapshots and progress: invalidated by every write that changes them (purchases, refunds,
    /// roles, sign-out, progress), so the duration only bounds memory: ten minutes keeps a learner's
    /// session of reading warm.
    /// </summary>
    public static readonly FusionCacheEntryOptions PerUser = Make(TimeSpan.FromMinutes(10));

    /// <summary>The search generation: dropped by every content edit; the duration only bounds how long one lives.</summary>
    public static readonly FusionCacheEntryOptions SearchGeneration = Make(TimeSpan.FromMinutes(30));

    private static FusionCacheEntryOptions Make(TimeSpan duration) => new()
    {
        Duration = duration,
        IsFailSafeEnabled = true,
        FailSafeMaxDuration = TimeSpan.FromHours(24),
        FailSafeThrottleDuration = TimeSpan.FromSeconds(30),
        FactoryHardTimeout = TimeSpan.FromSeconds(10),
        AllowTimedOutFactoryBackgroundCompletion = true,
        EagerRefreshThreshold = 0.9f,
        JitterMaxDuration = TimeSpan.FromSeconds(duration.TotalMinutes >= 10 ? 30 : 3),
        // A Redis outage must never fail a page: L1 and the database carry on.
        DistributedCacheSoftTimeout = TimeSpan.FromMilliseconds(50),
        DistributedCacheHardTimeout = TimeSpan.FromMilliseconds(500),
        AllowBackgroundDistributedCacheOperations = true,
        AllowBackgroundBackplaneOperations = true,
    };
}
