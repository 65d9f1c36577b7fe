namespace Antonio.Web.Caching;

/// <summary>The shared cache (<c>Antonio:Cache</c>, and <c>ConnectionStrings:Redis</c>).</summary>
public sealed class CacheOptions
{
    public const string Section = "Antonio:Cache";

    /// <summary>Redis key and backplane channel prefix: isolates deployments (and test runs) sharing one Redis.</summary>
    public string Prefix { get; set; } = "antonio";

    /// <summary>StackExchange.Redis configuration (ConnectionStrings:Redis). Empty: the cache runs in memory only (one node).</summary>
    public string? Redis { get; set; }

    /// <summary>Reads <see cref="Redis"/> from its own place in configuration.</summary>
    public static void Complete(CacheOptions options, IConfiguration configuration) => options.Redis = configuration.GetConnectionString("Redis");
}
