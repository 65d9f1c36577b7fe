using Antonio.Web.Caching;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Net.Http.Headers;

namespace Antonio.Web.PageCaching;

/// <summary>
/// Which requests may share a page: anonymous GETs of <see cref="SharedPageAttribute"/> pages with no
/// query string (a query could make every request a new entry; those pages are still served from the
/// data cache). They vary only by the registered <see cref="IPageVariation"/>s and by whether Blazor's
/// enhanced navigation asked. Only complete 200 responses that set no cookie of their own are stored,
/// tagged with the tags of every cache entry they were rendered from. Off with <see cref="FastPathOptions.AnonymousPages"/>.
/// </summary>
internal sealed class AnonymousPagePolicy(IEnumerable<IPageVariation> variations, IResponseCompressionProvider compression,
    Microsoft.Extensions.Options.IOptionsMonitor<FastPathOptions> fastPaths) : IOutputCachePolicy
{
    private readonly IPageVariation[] _variations = [.. variations];

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var request = http.Request;
        var cacheable = fastPaths.CurrentValue.AnonymousPages
            && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && !request.QueryString.HasValue
            && http.User.Identity?.IsAuthenticated != true
            && !request.Headers.ContainsKey(HeaderNames.Authorization)
            && http.GetEndpoint()?.Metadata.GetMetadata<SharedPageAttribute>() is not null;
        context.EnableOutputCaching = cacheable;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        if (!cacheable) return ValueTask.CompletedTask;
        CacheReadTags.CollectInto(http, context.Tags);
        http.Response.OnStarting(DropAntiforgeryCookie, http.Response);
        context.ResponseExpirationTimeSpan = PageCachingModule.Duration;
        foreach (var variation in _variations) context.CacheVaryByRules.VaryByValues[variation.Name] = variation.ValueFor(http);
        // One copy per encoding the compression middleware will choose for this request (it compresses below us).
        context.CacheVaryByRules.VaryByValues["encoding"] = compression.GetCompressionProvider(http)?.EncodingName ?? "identity";
        context.CacheVaryByRules.VaryByValues[EnhancedVariation] = EnhancedNavigation.Asked(request) ? "1" : "0";
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        // Only the copies made for Blazor's enhanced navigation carry the header (they vary by it).
        if (context.CacheVaryByRules.VaryByValues.TryGetValue(EnhancedVariation, out var enhanced) && enhanced == "1")
            context.HttpContext.Response.OnStarting(RestoreEnhancedNavigationConsent, context.HttpContext.Response);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The output cache stores header values through its table of common strings, matched without regard to case,
    /// so Blazor's <c>blazor-enhanced-nav: allow</c> comes back as <c>Allow</c> — and blazor.web.js compares it
    /// exactly, so every enhanced navigation to a cached page fell back to loading the page a second time, whole.
    /// The header is put back as Blazor wrote it before the cached headers go out.
    /// </summary>
    private static Task RestoreEnhancedNavigationConsent(object state)
    {
        var headers = ((HttpResponse)state).Headers;
        if (headers.TryGetValue(EnhancedNavigation.Header, out var value) && value.Count == 1
            && string.Equals(value[0], EnhancedNavigation.Allowed, StringComparison.OrdinalIgnoreCase))
        {
            headers[EnhancedNavigation.Header] = EnhancedNavigation.Allowed;
        }
        return Task.CompletedTask;
    }

    private const string EnhancedVariation = "enhanced";

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        // A cookie of its own means the response belongs to one visitor.
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0) context.AllowCacheStorage = false;
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Blazor sets the antiforgery cookie ahead of any streaming page in case a form renders late;
    /// shared pages have no form, so the cookie is dropped before the headers go out.
    /// </summary>
    private static Task DropAntiforgeryCookie(object state)
    {
        var headers = ((HttpResponse)state).Headers;
        var kept = headers.SetCookie.Where(c => c?.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal) != true).ToArray();
        if (kept.Length != headers.SetCookie.Count) headers.SetCookie = kept;
        return Task.CompletedTask;
    }
}
