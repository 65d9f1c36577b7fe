using System.Buffers;
using System.Text;
using Antonio.Web.Caching;
using Antonio.Web.Observability;
using Microsoft.Net.Http.Headers;
using ZiggyCreatures.Caching.Fusion;

namespace Antonio.Web.PageCaching;

/// <summary>
/// Shared pages for signed-in viewers. A signed-in GET of a <see cref="SharedPageAttribute"/> page is
/// answered from a template rendered once per access decision (<see cref="IViewerPageVariant"/>): the
/// template's viewer slots are filled for this viewer (<see cref="IViewerSlotSource"/>) and the page is
/// written without rendering anything. A miss renders the page in templating mode, keeps the template
/// (tagged, like anonymous pages, with the tags of what it was rendered from, in memory only) and fills
/// it. The key names the decision, never the viewer: what differs between two viewers with the same
/// decision is exactly what the slots hold.
/// </summary>
internal sealed class ViewerPageCache(RequestDelegate next, IFusionCache cache, IEnumerable<IViewerPageVariant> variants,
    IEnumerable<IViewerSlotSource> sources, RequestStatsAccessor stats)
{
    private static readonly FusionCacheEntryOptions Options = new()
    {
        Duration = PageCachingModule.TemplateDuration,
        SkipDistributedCacheRead = true,
        SkipDistributedCacheWrite = true,
        SkipBackplaneNotifications = true,
        IsFailSafeEnabled = false,
    };

    /// <summary>Headers a page's endpoint sets that its template replays (not cookies, not timing: those are this response's own).</summary>
    private static readonly string[] Replayed = [HeaderNames.ContentType, HeaderNames.CacheControl, HeaderNames.Pragma, HeaderNames.Expires, "blazor-enhanced-nav"];

    private readonly IViewerPageVariant[] _variants = [.. variants];
    private readonly IViewerSlotSource[] _sources = [.. sources];

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) || request.QueryString.HasValue || context.User.Identity?.IsAuthenticated != true
            || context.GetEndpoint()?.Metadata.GetMetadata<SharedPageAttribute>() is null
            || await VariantAsync(context) is not { } variant)
        {
            await next(context);
            return;
        }
        var enhanced = request.Headers.Accept.ToString().Contains("blazor-enhanced-nav", StringComparison.Ordinal);
        var key = CacheKeys.ViewerPage(request.Path.Value!, enhanced, variant);
        var found = await cache.TryGetAsync<ViewerPageTemplate>(key, Options, context.RequestAborted);
        if (stats.Current is { } current) (current.ViewerPageLookup, current.ViewerPageHit) = (true, found.HasValue);
        if (found.HasValue)
        {
            await WriteAsync(context, found.Value);
            return;
        }

        // Render it as a template: components write slot tokens; the tags of what it reads are collected.
        context.RequestServices.GetRequiredService<ViewerSlots>().Templating = true;
        var tags = new HashSet<string>();
        CacheReadTags.CollectInto(context, tags);
        var body = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = body;
        }
        var headers = Replayed.Where(h => context.Response.Headers.ContainsKey(h)).ToDictionary(h => h, h => context.Response.Headers[h].ToString());
        var template = ViewerPageTemplate.Parse(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), headers);
        if (context.Response.StatusCode == StatusCodes.Status200OK)
            await cache.SetAsync(key, template, Options, tags, context.RequestAborted);
        await WriteAsync(context, template);
    }

    private async ValueTask<string?> VariantAsync(HttpContext context)
    {
        foreach (var variant in _variants)
            if (await variant.VariantAsync(context) is { } key) return key;
        return null;
    }

    /// <summary>The filled page: gzip when the client takes it (the template's texts are compressed already), else as it is.</summary>
    private async Task WriteAsync(HttpContext context, ViewerPageTemplate template)
    {
        var fill = await ResolverAsync(context, template);
        var values = new byte[template.Holes.Length][];
        for (var i = 0; i < values.Length; i++) values[i] = Encoding.UTF8.GetBytes(fill(template.Holes[i].Slot, template.Holes[i].Argument));
        var response = context.Response;
        foreach (var (name, value) in template.Headers) response.Headers[name] = value;
        response.Headers.Vary = HeaderNames.AcceptEncoding;
        // Straight into the connection's buffers, its length known up front.
        var output = response.BodyWriter;
        if (AcceptsGzip(context.Request))
        {
            response.Headers.ContentEncoding = "gzip";
            response.ContentLength = GzipSegments.Length(template.Deflated, values);
            GzipSegments.Write(output, template.Texts, template.Deflated, values);
        }
        else
        {
            response.ContentLength = template.Texts.Sum(t => (long)t.Length) + values.Sum(v => (long)v.Length);
            for (var i = 0; i < template.Texts.Length; i++)
            {
                output.Write(template.Texts[i]);
                if (i < values.Length) output.Write(values[i]);
            }
        }
        await output.FlushAsync(context.RequestAborted);
    }

    private static bool AcceptsGzip(HttpRequest request) =>
        request.Headers.AcceptEncoding.Count > 0
        && request.GetTypedHeaders().AcceptEncoding.Any(e => (e.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) || e.Value == "*") && e.Quality is not 0);

    /// <summary>One function for every slot the template has, from the sources that own them (each prepared once).</summary>
    private async ValueTask<Func<string, string, string>> ResolverAsync(HttpContext context, ViewerPageTemplate template)
    {
        var bySlot = new Dictionary<string, Func<string, string, string>>(StringComparer.Ordinal);
        foreach (var source in _sources)
        {
            if (!source.Slots.Any(template.SlotNames.Contains)) continue;
            var resolve = await source.PrepareAsync(context);
            foreach (var slot in source.Slots) bySlot[slot] = resolve;
        }
        return (slot, argument) => bySlot.TryGetValue(slot, out var resolve)
            ? resolve(slot, argument)
            : throw new InvalidOperationException($"No source fills the viewer slot '{slot}'.");
    }
}
