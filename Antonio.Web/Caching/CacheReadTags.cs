namespace Antonio.Web.Caching;

/// <summary>
/// Collects, for one request, the tags of every cache entry it reads — for whoever asked before the
/// reads happened. The page cache asks, and tags a rendered page with them, so the writes that remove
/// those entries by tag remove the page too (and nothing else needs to know pages exist).
/// </summary>
public sealed class CacheReadTags(HashSet<string> into)
{
    public HashSet<string> Tags { get; } = into;

    /// <summary>From now on, this request's cache reads add their entries' tags to <paramref name="into"/>.</summary>
    public static void CollectInto(HttpContext context, HashSet<string> into) => context.Features.Set(new CacheReadTags(into));

    /// <summary>From now on, this request's cache reads are not collected.</summary>
    public static void Stop(HttpContext context) => context.Features.Set<CacheReadTags>(null);

    /// <summary>Where this request's reads put their tags, when someone is collecting them.</summary>
    public static HashSet<string>? Of(HttpContext? context) => context?.Features.Get<CacheReadTags>()?.Tags;
}
