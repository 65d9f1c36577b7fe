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
    private readonly Counter<long> _entryReads;
    private readonly Counter<long> _entryMisses;
    private readonly Counter<long> _invalidations;
    private readonly Counter<long> _shadowChecks;
    private readonly Counter<long> _shadowMismatches;
    private readonly Dictionary<string, Histogram<double>> _webVitals;

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
        // Per entry kind (the key's function: workshop-data, access, …) and per kind of invalidated tag (content, user, …):
        // what a rollout of a fast path watches (docs/fast-paths.md).
        _entryReads = _meter.CreateCounter<long>("antonio.cache.entry_reads", "{read}", "Data-cache reads per entry kind");
        _entryMisses = _meter.CreateCounter<long>("antonio.cache.entry_misses", "{miss}", "Data-cache reads per entry kind that asked the database");
        _invalidations = _meter.CreateCounter<long>("antonio.cache.invalidations", "{tag}", "Cache tags removed by writes, per tag kind");
        _shadowChecks = _meter.CreateCounter<long>("antonio.access_shadow.checks", "{check}", "Served access decisions compared with one from a fresh snapshot");
        _shadowMismatches = _meter.CreateCounter<long>("antonio.access_shadow.mismatches", "{mismatch}", "Served access decisions a fresh snapshot decides otherwise");
        // Real users' Core Web Vitals from /rum, so alert rules can watch each route's 75th percentile. Buckets are
        // dense around Google's good and poor lines (Antonio.Data/Telemetry/WebVitalRatings.cs).
        double[] milliseconds = [100, 200, 300, 400, 500, 600, 800, 1000, 1200, 1500, 1800, 2000, 2500, 3000, 4000, 6000, 10000];
        _webVitals = new()
        {
            ["TTFB"] = WebVital("antonio.rum.ttfb", "ms", "Time to first byte of real page views", milliseconds),
            ["FCP"] = WebVital("antonio.rum.fcp", "ms", "First contentful paint of real page views", milliseconds),
            ["LCP"] = WebVital("antonio.rum.lcp", "ms", "Largest contentful paint of real page views", milliseconds),
            ["INP"] = WebVital("antonio.rum.inp", "ms", "Interaction to next paint of real page views", [50, 100, 150, 200, 300, 400, 500, 750, 1000, 2000]),
            ["CLS"] = WebVital("antonio.rum.cls", "{score}", "Cumulative layout shift of real page views", [0.01, 0.05, 0.1, 0.15, 0.25, 0.5, 1]),
        };
    }

    private Histogram<double> WebVital(string name, string unit, string description, double[] buckets) =>
        _meter.CreateHistogram<double>(name, unit, description, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = buckets });

    /// <summary>One real-user measurement; its route is one of the app's own route patterns (RumEndpoint checks).</summary>
    public void RecordWebVital(string name, double value, string route, string navigation) =>
        _webVitals[name].Record(value, new TagList { { "route", route }, { "navigation", navigation } });

    /// <summary>One data-cache read of an entry kind, and whether it asked the database.</summary>
    public void RecordEntryRead(string kind, bool miss)
    {
        var tag = new KeyValuePair<string, object?>("entry", kind);
        _entryReads.Add(1, tag);
        if (miss) _entryMisses.Add(1, tag);
    }

    public void RecordInvalidation(string tagKind) => _invalidations.Add(1, new KeyValuePair<string, object?>("tag_kind", tagKind));

    /// <summary>One shadow check of a served access decision (<c>Access/AccessShadow.cs</c>) on a kind of page.</summary>
    public void RecordShadowCheck(string page, bool mismatch)
    {
        var tag = new KeyValuePair<string, object?>("page", page);
        _shadowChecks.Add(1, tag);
        _shadowMismatches.Add(mismatch ? 1 : 0, tag); // the series exists at 0, so the alert's increase() has something to read

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
