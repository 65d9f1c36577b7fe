using StackExchange.Redis;

namespace Antonio.Web.Hosting;

/// <summary>
/// The app's own connection to Redis (<c>ConnectionStrings:Redis</c>) for what is not the data cache: the
/// rate limits every node shares. Opened on first use; with abortConnect=false it starts, and serves, while
/// Redis is down and reconnects in the background. <see cref="Configured"/> is false without Redis (one node).
/// The data cache registers it with its own settings (<c>Caching/CachingModule.cs</c>).
/// </summary>
public sealed class RedisConnection(string? redis, string prefix) : IDisposable
{
    private readonly Lazy<IConnectionMultiplexer> _multiplexer = new(() => ConnectionMultiplexer.Connect(WithDefaults(redis)!));

    /// <summary>The key prefix of this deployment (and of this test run) in the shared Redis.</summary>
    public string Prefix { get; } = prefix;

    public bool Configured { get; } = !string.IsNullOrWhiteSpace(redis);

    /// <summary>The connection; only when <see cref="Configured"/>.</summary>
    public IConnectionMultiplexer Multiplexer => _multiplexer.Value;

    /// <summary>abortConnect=false: start and serve even while Redis is down; reconnect in the background.</summary>
    public static string? WithDefaults(string? redis) =>
        string.IsNullOrWhiteSpace(redis) ? null
        : redis.Contains("abortConnect", StringComparison.OrdinalIgnoreCase) ? redis
        : redis + ",abortConnect=false,connectTimeout=2000,syncTimeout=1000";

    public void Dispose()
    {
        if (_multiplexer.IsValueCreated) _multiplexer.Value.Dispose();
    }
}
