namespace Antonio.Web.Caching;

/// <summary>
/// The only place cache keys are made. One builder per cached function; every argument is part of
/// the key and escaped, so no two builders — and no two argument lists — can produce the same key
/// (the old platform's caches all shared the key "workshop"). Bump <see cref="Version"/> when the
/// shape of a cached value changes.
/// </summary>
public static class CacheKeys
{
    public const string Version = "v6";

    public static string WorkshopData(string slugOrId) => Build("workshop-data", slugOrId);
    public static string LessonContent(Guid lessonId) => Build("lesson-content", lessonId.ToString("N"));
    public static string Markdown(string sha256Hex) => Build("markdown", sha256Hex);
    public static string WorkshopList() => Build("workshop-list");
    public static string Cohorts() => Build("cohorts");
    public static string LiveSessions() => Build("live-sessions");
    /// <summary>Every public workshop with its lessons' addresses (sitemap, feed).</summary>
    public static string CatalogueMap() => Build("catalogue-map");
    public static string SiteCoupons() => Build("site-coupons");
    public static string CouponByCode(string code) => Build("coupon-by-code", code);
    /// <summary>Pricing inputs for a set of products (order-insensitive: ids are sorted).</summary>
    public static string PricingInputs(IEnumerable<Guid> productIds) =>
        Build("pricing-inputs", string.Join(",", productIds.Select(id => id.ToString("N")).Order(StringComparer.Ordinal)));
    public static string AccessSnapshot(Guid userId) => Build("access", userId.ToString("N"));
    public static string WorkshopProgress(Guid userId, Guid workshopId) =>
        Build("workshop-progress", userId.ToString("N"), workshopId.ToString("N"));
    /// <summary>A learner's progress everywhere, touched workshops and certificates (their home page).</summary>
    public static string LearnerRecord(Guid userId) => Build("learner-record", userId.ToString("N"));
    public static string Certificate(string code) => Build("certificate", code);
    /// <summary>The generation of search results: a new one after every content edit (the candidates themselves are kept elsewhere, see Discovery/SearchCandidates.cs).</summary>
    public static string SearchGeneration() => Build("search-generation");
    /// <summary>A rendered anonymous page; <paramref name="outputCacheKey"/> is the output cache's own key (path and vary values).</summary>
    public static string Page(string outputCacheKey) => Build("page", outputCacheKey);
    /// <summary>A signed-in page's template: the path, whether enhanced navigation asked, and the viewers' shared decision (never the viewer).</summary>
    public static string ViewerPage(string path, bool enhanced, string variant) => Build("viewer-page", path, enhanced ? "1" : "0", variant);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Kinds = new(StringComparer.Ordinal);

    /// <summary>The kind of entry a key names — the function that built it ("workshop-data", "access", …): what the metrics count by.</summary>
    public static string KindOf(string key)
    {
        var function = key.AsSpan(Version.Length + 1);
        if (function.IndexOf(':') is var end and >= 0) function = function[..end];
        // A handful of fixed names: found without allocating on every read.
        if (Kinds.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(function, out var kind)) return kind;
        var name = function.ToString();
        return Kinds.GetOrAdd(name, name);
    }

    /// <summary>"{Version}:{function}:{arg1}:{arg2}…" with every argument escaped so ':' cannot appear inside one.</summary>
    private static string Build(string function, params ReadOnlySpan<string> args)
    {
        // One string and no arrays, however many arguments: keys are built on every request.
        var key = new System.Runtime.CompilerServices.DefaultInterpolatedStringHandler(0, 0);
        key.AppendLiteral(Version);
        key.AppendLiteral(":");
        key.AppendLiteral(function);
        foreach (var arg in args)
        {
            key.AppendLiteral(":");
            key.AppendLiteral(Uri.EscapeDataString(arg));
        }
        return key.ToStringAndClear();
    }
}
