using System.Globalization;
using System.Threading.RateLimiting;
using Antonio.Web.Hosting;
using Microsoft.AspNetCore.RateLimiting;
using RedisRateLimiting;
using StackExchange.Redis;

namespace Antonio.Web.Security;

/// <summary>
/// Limits that hold across nodes: a fixed window counted in Redis (the RedisRateLimiting package), so a
/// client that spreads its requests over three nodes meets the same limit as on one. While Redis cannot be
/// answered the window is counted on this node instead — a per-node limit, never none — and Redis is
/// asked again after <see cref="RetryRedisAfter"/>.
/// </summary>
public sealed class SharedRateLimits(RedisConnection redis, TimeProvider clock)
{
    public static readonly TimeSpan RetryRedisAfter = TimeSpan.FromSeconds(5);

    private long _redisDownUntil;

    /// <summary>
    /// A rate-limiter policy of so many requests a minute per partition (a client address, a learner), shared by every
    /// node; <paramref name="partition"/> null: the request is not counted (e.g. reading a form rather than posting it).
    /// </summary>
    public static void AddPerMinutePolicy(IServiceCollection services, string policy, Func<HttpContext, string?> partition, Func<RateLimitOptions, int> perMinute) =>
        services.AddOptions<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>().Configure<Microsoft.Extensions.Options.IOptions<RateLimitOptions>, SharedRateLimits>(
            (limiter, limits, shared) => limiter.AddPolicy(policy, context => partition(context) is { } key
                ? shared.Partition(policy, key, perMinute(limits.Value), TimeSpan.FromMinutes(1))
                : RateLimitPartition.GetNoLimiter("")));

    /// <summary>The client's address, as the connection (or a configured proxy) gives it.</summary>
    public static string ClientOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "";

    /// <summary>
    /// A refusal says when the window ends (<c>Retry-After</c>, whole seconds, as the limiter's lease reports it), so
    /// a well-behaved client — QA's journeys against a shared site among them — waits that long rather than guessing.
    /// </summary>
    public static ValueTask SayWhenToTryAgain(OnRejectedContext rejected)
    {
        // The framework's limiters (the per-node fallback) and the Redis ones name it each in their own way.
        int? seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? (int)Math.Ceiling(after.TotalSeconds)
            : rejected.Lease.TryGetMetadata(RateLimitMetadataName.RetryAfter, out var redisAfter) ? redisAfter : null;
        if (seconds is { } s) rejected.HttpContext.Response.Headers.RetryAfter = Math.Max(1, s).ToString(CultureInfo.InvariantCulture);
        return ValueTask.CompletedTask;
    }

    /// <summary>A partition of an ASP.NET Core rate-limiter policy: <paramref name="limit"/> permits per <paramref name="window"/> for this key.</summary>
    public RateLimitPartition<string> Partition(string policy, string key, int limit, TimeSpan window) =>
        RateLimitPartition.Get(policy + ":" + key, k => Create(k, limit, window));

    /// <summary>One limiter for one key (e.g. "sign-in-link:ADDRESS"), shared by every node through Redis.</summary>
    public RateLimiter Create(string key, int limit, TimeSpan window)
    {
        var local = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = window, QueueLimit = 0 });
        if (!redis.Configured) return local;
        var shared = new RedisFixedWindowRateLimiter<string>(redis.Prefix + ":limit:" + key, new RedisFixedWindowRateLimiterOptions
        {
            PermitLimit = limit, Window = window, ConnectionMultiplexerFactory = () => redis.Multiplexer,
        });
        return new RedisOrLocal(this, shared, local);
    }

    private bool RedisUsable => clock.GetUtcNow().UtcTicks >= Interlocked.Read(ref _redisDownUntil);

    private void RedisFailed() => Interlocked.Exchange(ref _redisDownUntil, (clock.GetUtcNow() + RetryRedisAfter).UtcTicks);

    /// <summary>Asks Redis; counts here when Redis does not answer.</summary>
    private sealed class RedisOrLocal(SharedRateLimits owner, RateLimiter shared, RateLimiter local) : RateLimiter
    {
        public override TimeSpan? IdleDuration => local.IdleDuration;

        public override RateLimiterStatistics? GetStatistics() => local.GetStatistics();

        // The Redis limiter answers asynchronously only: a synchronous attempt is refused, and the
        // rate-limiting middleware then asks AcquireAsync.
        protected override RateLimitLease AttemptAcquireCore(int permitCount) =>
            owner.RedisUsable ? Refused : local.AttemptAcquire(permitCount);

        protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            if (owner.RedisUsable)
            {
                try
                {
                    return await shared.AcquireAsync(permitCount, cancellationToken);
                }
                catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
                {
                    owner.RedisFailed();
                }
            }
            return await local.AcquireAsync(permitCount, cancellationToken);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) { shared.Dispose(); local.Dispose(); }
            base.Dispose(disposing);
        }

        private static readonly RateLimitLease Refused = new RefusedLease();

        private sealed class RefusedLease : RateLimitLease
        {
            public override bool IsAcquired => false;
            public override IEnumerable<string> MetadataNames => [];
            public override bool TryGetMetadata(string metadataName, out object? metadata) { metadata = null; return false; }
        }
    }
}
