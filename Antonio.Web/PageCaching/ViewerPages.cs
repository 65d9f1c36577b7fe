using System.Buffers;
using Antonio.Web.Caching;
using Microsoft.Net.Http.Headers;
using ZiggyCreatures.Caching.Fusion;

namespace Antonio.Web.PageCaching;

/// <summary>
/// Shared pages for signed-in viewers. A signed-in GET of a <see cref="SharedPageAttribute"/> page is
/// answered from a template rendered once per access decision (<see cref="IViewerPageVariant"/>): the
/// template's viewer slots are filled for this viewer (<see cref="IViewerSlotSource"/>) and the page is
/// written without rendering anything (<see cref="ViewerPageHits"/>). A miss renders the page in
/// templating mode, keeps the template (tagged, like anonymous pages, with the tags of what it was
/// rendered from, in memory only) and fills it (<see cref="ViewerPageTemplating"/>). The key names the
/// decision, never the viewer: what differs between two viewers with the same decision is exactly what
/// the slots hold.
/// </summary>
internal sealed partial class ViewerPages
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
    private static readonly string[] Replayed = [HeaderNames.ContentType, HeaderNames.CacheControl, HeaderNames.Pragma, HeaderNames.Expires, EnhancedNavigation.Header];

    private readonly IFusionCache _cache;
    private readonly IViewerPageVariant[] _variants;
    private readonly IViewerSlotSource[] _sources;
    private readonly Dictionary<string, int> _sourceOfSlot = new(StringComparer.Ordinal);
    private readonly ILogger<ViewerPages> _logger;

    private readonly Microsoft.Extensions.Options.IOptionsMonitor<FastPathOptions> _fastPaths;
    private readonly Microsoft.FeatureManagement.IFeatureManager _features;

    public ViewerPages(IFusionCache cache, IEnumerable<IViewerPageVariant> variants, IEnumerable<IViewerSlotSource> sources, ILogger<ViewerPages> logger,
        Microsoft.Extensions.Options.IOptionsMonitor<FastPathOptions> fastPaths, Microsoft.FeatureManagement.IFeatureManager features)
    {
        (_cache, _variants, _sources, _logger, _fastPaths, _features) = (cache, [.. variants], [.. sources], logger, fastPaths, features);
        for (var i = 0; i < _sources.Length; i++)
            foreach (var slot in _sources[i].Slots)
                if (!_sourceOfSlot.TryAdd(slot, i)) throw new InvalidOperationException($"Two sources fill the viewer slot '{slot}'.");
    }

    /// <summary>This request's shared page — its template key and variant — or null when the page is not shared with this viewer.</summary>
    public async ValueTask<ViewerPageMiss?> PageAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) || request.QueryString.HasValue || context.User.Identity?.IsAuthenticated != true
            || context.GetEndpoint()?.Metadata.GetMetadata<SharedPageAttribute>() is null
            || !await FastPathFeatures.SharesTemplatesWithAsync(_features, _fastPaths.CurrentValue, context.User))
            return null;
        ViewerPageVariant? variant = null;
        foreach (var candidate in _variants)
            if ((variant = await candidate.VariantAsync(context)) is not null) break;
        if (variant is null) return null;
        var enhanced = EnhancedNavigation.Asked(request);
        return new ViewerPageMiss(CacheKeys.ViewerPage(request.Path.Value!, enhanced, variant.Key), variant);
    }

    /// <summary>The page's template, if one is kept and was made from the variant's current basis.</summary>
    public async ValueTask<ViewerPageTemplate?> FindAsync(ViewerPageMiss page, CancellationToken ct)
    {
        var found = await _cache.TryGetAsync<ViewerPageTemplate>(page.Key, Options, ct);
        return found.HasValue && ReferenceEquals(found.Value.Basis, page.Variant.Basis) ? found.Value : null;
    }

    /// <summary>
    /// Cuts a page rendered in templating mode into a template, with the headers it replays, and fills it for
    /// this viewer: a slot of fixed width (<see cref="IViewerSlotSource.HasFixedWidth"/>) takes its width from
    /// this viewer's value.
    /// </summary>
    public async ValueTask<(ViewerPageTemplate Template, byte[][] Values)> CutAsync(HttpContext context, string html)
    {
        var response = context.Response;
        var headers = Replayed.Where(h => response.Headers.ContainsKey(h)).ToDictionary(h => h, h => response.Headers[h].ToString());
        var template = ViewerPageTemplate.Parse(html, headers, slot => _sourceOfSlot.TryGetValue(slot, out var source) ? source : -1);
        var values = await FillAsync(context, template);
        var widths = template.Holes.Select((hole, i) => _sources[template.HoleSources[i]].HasFixedWidth(hole.Slot) ? values[i].Length : -1).ToArray();
        return (template.Compress(widths), values);
    }

    /// <summary>Keeps a template with the tags of what it was rendered from, less those its basis already follows.</summary>
    public ValueTask StoreAsync(ViewerPageMiss page, ViewerPageTemplate template, IEnumerable<string> tags, CancellationToken ct) =>
        _cache.SetAsync(page.Key, template with { Basis = page.Variant.Basis },
            Options, page.Variant.CoveredTags is { } covered ? tags.Where(t => !covered.Contains(t)) : tags, ct);

    /// <summary>The filled page: gzip when the client takes it (the template's texts are compressed already), else as it is.</summary>
    public async Task WriteAsync(HttpContext context, ViewerPageTemplate template) => await WriteAsync(context, template, await FillAsync(context, template));

    /// <summary>The page filled with these values (<see cref="CutAsync"/> has them already).</summary>
    public async Task WriteAsync(HttpContext context, ViewerPageTemplate template, byte[][] values)
    {
        var response = context.Response;
        foreach (var (name, value) in template.Headers) response.Headers[name] = value;
        response.Headers.Vary = HeaderNames.AcceptEncoding;
        // Straight into the connection's buffers (on a hit nothing stands between), its length known up front.
        var output = response.BodyWriter;
        var fits = template.Fits(values);
        if (!fits) LogUnfit(_logger, context.Request.Path); // e.g. a request token of another format: correct, only larger
        if (fits && AcceptsGzip(context.Request))
        {
            response.Headers.ContentEncoding = "gzip";
            response.ContentLength = GzipSegments.Length(template.Deflated, values);
            GzipSegments.Write(output, template.Texts, template.Deflated, values);
        }
        else
        {
            long length = 0;
            foreach (var text in template.Texts) length += text.Length;
            foreach (var value in values) length += value.Length;
            response.ContentLength = length;
            for (var i = 0; i < template.Texts.Length; i++)
            {
                output.Write(template.Texts[i]);
                if (i < values.Length) output.Write(values[i]);
            }
        }
        await output.FlushAsync(context.RequestAborted);
    }

    /// <summary>Each hole's value, from the sources the template needs (each prepared once).</summary>
    private async ValueTask<byte[][]> FillAsync(HttpContext context, ViewerPageTemplate template)
    {
        var prepared = new Func<string, string, byte[]>?[_sources.Length];
        var values = new byte[template.Holes.Length][];
        for (var i = 0; i < values.Length; i++)
        {
            var source = template.HoleSources[i];
            var fill = prepared[source] ??= await _sources[source].PrepareAsync(context);
            values[i] = fill(template.Holes[i].Slot, template.Holes[i].Argument);
        }
        return values;
    }

    private static bool AcceptsGzip(HttpRequest request) =>
        request.Headers.AcceptEncoding.Count > 0
        && request.GetTypedHeaders().AcceptEncoding.Any(e => (e.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) || e.Value == "*") && e.Quality is not 0);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A viewer slot's value on {Path} has another width than the template's viewer had: sent uncompressed")]
    private static partial void LogUnfit(ILogger logger, PathString path);
}
