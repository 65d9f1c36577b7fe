using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Antonio.Web.Observability;

/// <summary>
/// The app's own instruments (System.Diagnostics.Metrics), tagged by route pattern. Request duration
/// by route is ASP.NET Core's own (http.server.request.duration: not measured twice); cache internals FusionCache's.
/// </summary>
public sealed class AppMetrics : IDisposable
{
    public const string MeterName = "Antonio.Web";

    private readonly Meter _meter = new(MeterName);
    private readonly Histogram<int> _queries;
    private readonly Counter<long> _cacheReads;
    private readonly Counter<long> _cacheMisses;
    private readonly Counter<long> _pageLookups;
    private readonly Counter<long> _pageHits;
    private readonly Counter<long> _viewerLookups;
    private readonly Counter<long> _viewerHits;

    public AppMetrics()
    {
        _queries = _meter.CreateHistogram<int>("antonio.db.queries_per_request", "{command}", "SQL commands run by one request",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [0, 1, 2, 3, 4, 5, 8, 13, 21] });
        _cacheReads = _meter.CreateCounter<long>("antonio.cache.reads", "{read}", "Cache reads made by requests");
        _cacheMisses = _meter.CreateCounter<long>("antonio.cache.misses", "{miss}", "Cache reads that ran their factory");
        _pageLookups = _meter.CreateCounter<long>("antonio.page_cache.lookups", "{lookup}", "Anonymous pages looked up in the page cache");
        _pageHits = _meter.CreateCounter<long>("antonio.page_cache.hits", "{hit}", "Anonymous pages served whole from the page cache");
        _viewerLookups = _meter.CreateCounter<long>("antonio.viewer_page_cache.lookups", "{lookup}", "Signed-in pages looked up among the shared templates");
        _viewerHits = _meter.CreateCounter<long>("antonio.viewer_page_cache.hits", "{hit}", "Signed-in pages filled from a shared template");
    }

    public void Record(string route, int status, RequestStats stats)
    {
        var tags = new TagList { { "route", route }, { "status", status } };
        _queries.Record(stats.Queries, tags);
        if (stats.CacheReads > 0) _cacheReads.Add(stats.CacheReads, new KeyValuePair<string, object?>("route", route));
        if (stats.CacheMisses > 0) _cacheMisses.Add(stats.CacheMisses, new KeyValuePair<string, object?>("route", route));
        if (stats.PageCacheLookup) _pageLookups.Add(1, new KeyValuePair<string, object?>("route", route));
        if (stats.PageCacheHit) _pageHits.Add(1, new KeyValuePair<string, object?>("route", route));
        if (stats.ViewerPageLookup) _viewerLookups.Add(1, new KeyValuePair<string, object?>("route", route));
        if (stats.ViewerPageHit) _viewerHits.Add(1, new KeyValuePair<string, object?>("route", route));
    }

    public void Dispose() => _meter.Dispose();
}
