namespace Antonio.Web.Caching;

/// <summary>The shared cache (<c>Antonio:Cache</c>, and <c>ConnectionStrings:Redis</c>).</summary>
public sealed class CacheOptions
{
    public const string Section = "Antonio:Cache";

    /// <summary>Redis key and backplane channel prefix: isolates deployments (and test runs) sharing one Redis.</summary>
    public string Prefix { get; set; } = "antonio";

    /// <summary>StackExchange.Redis configuration (ConnectionStrings:Redis). Empty: the cache runs in memory only (one node).</summary>
    public string? Redis { get; set; }

    /// <summary>
    /// Remove each invalidated tag again 0.2 s, 0.6 s, 3 s and 11 s after a write (<see cref="CacheInvalidator"/>): drops what
    /// reads in flight at the write stored afterwards. Off only in tests that count queries to the millisecond.
    /// </summary>
    public bool RemoveAgain { get; set; } = true;

    /// <summary>
    /// How many reads that found nothing (a made-up slug, a wrong coupon code) one node remembers at once (<see cref="CachedReader"/>):
    /// their keys are anyone's choice, so past this a miss is not remembered and the next one asks the database again.
    /// </summary>
    public int MaxRememberedMisses { get; set; } = 10_000;

    /// <summary>Reads <see cref="Redis"/> from its own place in configuration.</summary>
    public static void Complete(CacheOptions options, IConfiguration configuration) => options.Redis = configuration.GetConnectionString("Redis");
}
