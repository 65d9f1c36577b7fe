using Antonio.Web.Access;
using Antonio.Web.Commerce;
using Antonio.Web.Observability;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;
using ZiggyCreatures.Caching.Fusion;

namespace Antonio.Web.Caching;

/// <summary>
/// Whole rendered pages for anonymous visitors, so a warm anonymous page costs no rendering at all.
/// Built on ASP.NET Core's output cache (request collapsing, streaming capture) with its store in the
/// one FusionCache: each page is tagged with the tags of every cache entry it was rendered from (see
/// <see cref="CachedReader"/>), so the writes that already remove those entries by tag remove the
/// pages too — on every node, through the backplane — and nothing else needs to know pages exist.
/// </summary>
public static class PageCache
{
    /// <summary>The longest a page lives: pricing inputs (coupons, sales) are cached this long too.</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddPageCache(this IServiceCollection services)
    {
        services.AddSingleton<IOutputCacheStore, FusionPageStore>();
        services.AddOutputCache(o =>
        {
            o.AddBasePolicy(new AnonymousPagePolicy());
            o.DefaultExpirationTimeSpan = Duration;
            o.MaximumBodySize = 2 * 1024 * 1024;
        });
        return services;
    }

    /// <summary>The page this request is rendering for the page cache, if any: it collects the tags of what it reads.</summary>
    public static HashSet<string>? CollectingTags(HttpContext? context) =>
        context?.Features.Get<IOutputCacheFeature>()?.Context is { EnableOutputCaching: true } page ? page.Tags : null;

    /// <summary>
    /// Which requests may share a page: anonymous GETs of learner pages with no query string (a query
    /// could make every request a new entry; those pages are still served from the data cache). They
    /// vary only by what an anonymous page depends on — the PPP offer of the country and whether Blazor's
    /// enhanced navigation asked. Only complete 200 responses that set no cookie of their own are stored.
    /// </summary>
    private sealed class AnonymousPagePolicy : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var http = context.HttpContext;
            var request = http.Request;
            var cacheable = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
                && !request.QueryString.HasValue
                && http.User.Identity?.IsAuthenticated != true
                && !request.Headers.ContainsKey(HeaderNames.Authorization)
                && IsLearnerPath(request.Path);
            context.EnableOutputCaching = cacheable;
            context.AllowCacheLookup = cacheable;
            context.AllowCacheStorage = cacheable;
            context.AllowLocking = true;
            if (!cacheable) return ValueTask.CompletedTask;
            http.Response.OnStarting(DropAntiforgeryCookie, http.Response);
            context.ResponseExpirationTimeSpan = Duration;
            context.CacheVaryByRules.VaryByValues["ppp"] = PppBucket(http.RequestServices.GetRequiredService<Security.RequestCountry>().Of(http));
            context.CacheVaryByRules.VaryByValues["enhanced"] =
                request.Headers.Accept.ToString().Contains("blazor-enhanced-nav", StringComparison.Ordinal) ? "1" : "0";
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var response = context.HttpContext.Response;
            // A cookie of its own means the response belongs to one visitor.
            if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0) context.AllowCacheStorage = false;
            return ValueTask.CompletedTask;
        }

        /// <summary>
        /// Blazor sets the antiforgery cookie ahead of any streaming page in case a form renders late;
        /// anonymous learner pages have no form, so the cookie is dropped before the headers go out.
        /// </summary>
        private static Task DropAntiforgeryCookie(object state)
        {
            var headers = ((HttpResponse)state).Headers;
            var kept = headers.SetCookie.Where(c => c?.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal) != true).ToArray();
            if (kept.Length != headers.SetCookie.Count) headers.SetCookie = kept;
            return Task.CompletedTask;
        }

        /// <summary>
        /// An anonymous page depends on the country only through a PPP offer (which names the country):
        /// countries without one share a page, which also bounds how many copies a forged header can make.
        /// </summary>
        private static string PppBucket(string country) =>
            PppTable.Shipped.Find(country) is { } found && PricingEngine.PppDiscount(found.Ratio) is not null ? country : "none";

        private static bool IsLearnerPath(PathString path) =>
            path == "/" || path == "/workshops" || path.StartsWithSegments("/workshops");
    }

    /// <summary>
    /// The output cache's store in FusionCache's memory level only (pages are cheap to re-render from the
    /// shared data cache, and large to ship through Redis); removal by tag is FusionCache's, so it
    /// reaches every node.
    /// </summary>
    private sealed class FusionPageStore(IFusionCache cache, RequestStatsAccessor stats) : IOutputCacheStore
    {
        private static readonly FusionCacheEntryOptions Options = new()
        {
            Duration = Duration,
            SkipDistributedCacheRead = true,
            SkipDistributedCacheWrite = true,
            SkipBackplaneNotifications = true,
            IsFailSafeEnabled = false,
        };

        public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
        {
            var found = await cache.TryGetAsync<byte[]>(CacheKeys.Page(key), Options, cancellationToken);
            if (stats.Current is { } current) (current.PageCacheLookup, current.PageCacheHit) = (true, found.HasValue);
            return found.HasValue ? found.Value : null;
        }

        public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken) =>
            await cache.SetAsync(CacheKeys.Page(key), value, Options.Duplicate(validFor < Duration ? validFor : Duration), tags ?? [], cancellationToken);

        public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken) => cache.RemoveByTagAsync(tag, token: cancellationToken);
    }
}
