using Microsoft.Extensions.Caching.StackExchangeRedis;
using StackExchange.Redis;
using ZiggyCreatures.Caching.Fusion;
using ZiggyCreatures.Caching.Fusion.Backplane.StackExchangeRedis;
using ZiggyCreatures.Caching.Fusion.Serialization.SystemTextJson;

namespace Antonio.Web.Caching;

/// <summary>
/// One FusionCache: L1 memory; with ConnectionStrings:Redis, L2 Redis (System.Text.Json) and the Redis
/// backplane so every node's L1 drops an entry when any node changes it; L1-only without Redis. Also
/// the cached reader every feature reads through, the one invalidator every write path calls, and the
/// Redis health check (Redis down = degraded: the cache falls back to memory).
/// </summary>
public static class CachingModule
{
    public static WebApplicationBuilder AddCaching(this WebApplicationBuilder builder)
    {
        var options = builder.AddSettings<CacheOptions, CacheOptionsValidator>(CacheOptions.Section, CacheOptions.Complete);
        builder.AddSettings<FastPathOptions, FastPathOptionsValidator>(FastPathOptions.Section);
        var services = builder.Services;
        // The rollout shares as feature flags, defined from the typed options (not a configuration section of their own).
        services.AddSingleton<Microsoft.FeatureManagement.IFeatureDefinitionProvider, FastPathFeatures>();
        Microsoft.FeatureManagement.ServiceCollectionExtensions.AddFeatureManagement(services);
        var cache = services.AddFusionCache()
            .WithOptions(o =>
            {
                o.CacheKeyPrefix = options.Prefix + ":";
                o.BackplaneChannelPrefix = options.Prefix;
                o.FactoryErrorsLogLevel = LogLevel.Warning;
                o.FailSafeActivationLogLevel = LogLevel.Warning;
                o.DistributedCacheErrorsLogLevel = LogLevel.Warning;
                o.BackplaneErrorsLogLevel = LogLevel.Warning;
                o.DistributedCacheCircuitBreakerDuration = TimeSpan.FromSeconds(5);
                o.BackplaneCircuitBreakerDuration = TimeSpan.FromSeconds(5);
            })
            .WithDefaultEntryOptions(CacheEntryKinds.Content.Duplicate());
        // One connection to Redis per node, shared by the data cache, its backplane, the rate limits and the health check.
        var connection = new Hosting.RedisConnection(options.Redis, options.Prefix);
        services.AddSingleton(connection);
        if (connection.Configured)
        {
            Task<IConnectionMultiplexer> Shared() => Task.FromResult(connection.Multiplexer);
            cache
                // IncludeFields: records with tuples survive the L2 round trip.
                .WithSerializer(new FusionCacheSystemTextJsonSerializer(new System.Text.Json.JsonSerializerOptions { IncludeFields = true }))
                .WithDistributedCache(new RedisCache(new RedisCacheOptions { ConnectionMultiplexerFactory = Shared }))
                .WithBackplane(new RedisBackplane(new RedisBackplaneOptions { ConnectionMultiplexerFactory = Shared }));
            services.AddHealthChecks().AddRedis(_ => connection.Multiplexer, name: "redis",
                failureStatus: Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded, tags: ["ready"], timeout: TimeSpan.FromSeconds(1));
        }
        services.AddSingleton<CachedReader>();
        services.AddSingleton<CacheInvalidator>();
        return builder;
    }
}
