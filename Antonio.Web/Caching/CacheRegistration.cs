using Microsoft.Extensions.Caching.StackExchangeRedis;
using ZiggyCreatures.Caching.Fusion;
using ZiggyCreatures.Caching.Fusion.Backplane.StackExchangeRedis;
using ZiggyCreatures.Caching.Fusion.Serialization.SystemTextJson;

namespace Antonio.Web.Caching;

public static class CacheRegistration
{
    /// <summary>
    /// One FusionCache: L1 memory; with ConnectionStrings:Redis, L2 Redis (System.Text.Json) and the
    /// Redis backplane so every node's L1 drops an entry when any node changes it. Without Redis it
    /// runs L1-only. Antonio:Cache:Prefix isolates deployments (and test runs) sharing one Redis.
    /// </summary>
    public static IServiceCollection AddAntonioCache(this IServiceCollection services, IConfiguration config)
    {
        var redis = config.GetConnectionString("Redis");
        var prefix = config["Antonio:Cache:Prefix"] ?? "antonio";
        var builder = services.AddFusionCache()
            .WithOptions(o =>
            {
                o.CacheKeyPrefix = prefix + ":";
                o.BackplaneChannelPrefix = prefix;
                o.FactoryErrorsLogLevel = LogLevel.Warning;
                o.FailSafeActivationLogLevel = LogLevel.Warning;
                o.DistributedCacheErrorsLogLevel = LogLevel.Warning;
                o.BackplaneErrorsLogLevel = LogLevel.Warning;
                o.DistributedCacheCircuitBreakerDuration = TimeSpan.FromSeconds(5);
                o.BackplaneCircuitBreakerDuration = TimeSpan.FromSeconds(5);
            })
            .WithDefaultEntryOptions(CacheEntryKinds.Content.Duplicate());
        if (!string.IsNullOrWhiteSpace(redis))
        {
            // abortConnect=false: start and serve even while Redis is down; reconnect in the background.
            var configuration = redis.Contains("abortConnect", StringComparison.OrdinalIgnoreCase)
                ? redis : redis + ",abortConnect=false,connectTimeout=2000,syncTimeout=1000";
            builder
                // IncludeFields: records with tuples survive the L2 round trip.
                .WithSerializer(new FusionCacheSystemTextJsonSerializer(new System.Text.Json.JsonSerializerOptions { IncludeFields = true }))
                .WithDistributedCache(new RedisCache(new RedisCacheOptions { Configuration = configuration }))
                .WithBackplane(new RedisBackplane(new RedisBackplaneOptions { Configuration = configuration }));
        }
        services.AddSingleton<CacheInvalidator>();
        return services;
    }
}
