using ZiggyCreatures.Caching.Fusion;

namespace Antonio.Web.Caching;

/// <summary>
/// Entry options per kind of data. Every kind: fail-safe (serve the last good value when Postgres or
/// Redis fails), a soft timeout on the factory when a stale value exists, eager refresh and jitter.
/// Correctness after edits never depends on the duration: every write path removes by tag.
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
    /// session of reading warm. No soft timeout: right after a learner's own write (a lesson marked done or not,
    /// a purchase) the entry is dropped, and under load a slow reload would otherwise answer with the dropped value —
    /// the learner would not see what they just did (a loaded suite's journey saw it). Fail-safe still covers errors.
    /// </summary>
    public static readonly FusionCacheEntryOptions PerUser = WithoutSoftTimeout(Make(TimeSpan.FromMinutes(10)));

    /// <summary>
    /// Search candidates per query: briefly (queries are many and mostly unique), dropped by every content edit —
    /// and never answered from a dropped entry while the new one is computed (no soft timeout): an edit is found
    /// on the next search. Fail-safe still answers from the last value when the database is down.
    /// </summary>
    public static readonly FusionCacheEntryOptions Search = WithoutSoftTimeout(Make(TimeSpan.FromMinutes(2)));

    private static FusionCacheEntryOptions WithoutSoftTimeout(FusionCacheEntryOptions options)
    {
        options.FactorySoftTimeout = Timeout.InfiniteTimeSpan;
        return options;
    }

    private static FusionCacheEntryOptions Make(TimeSpan duration) => new()
    {
        Duration = duration,
        IsFailSafeEnabled = true,
        FailSafeMaxDuration = TimeSpan.FromHours(24),
        FailSafeThrottleDuration = TimeSpan.FromSeconds(30),
        // With a stale value in hand, a slow database never holds a page for more than 100 ms.
        FactorySoftTimeout = TimeSpan.FromMilliseconds(100),
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
