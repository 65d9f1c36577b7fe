using Antonio.Web.Security;

namespace Antonio.Web.Discovery;

/// <summary>
/// How the catalogue is found: search over workshops, lessons and transcripts (<c>/search</c>, and its results as one
/// types: <see cref="SearchSuggestions"/>), and the sitemap,
/// feed and robots file search engines and feed readers ask for.
/// </summary>
public static class DiscoveryModule
{
    /// <summary>The per-client limit on searches (<c>Antonio:RateLimits:SearchesPerClientPerMinute</c>), answered with the 429 page.</summary>
    public const string SearchRateLimit = "search";

    public static WebApplicationBuilder AddDiscovery(this WebApplicationBuilder builder)
    {
        builder.AddSettings<SearchOptions, SearchOptionsValidator>(SearchOptions.Section);
        builder.Services.AddSingleton<SearchCandidates>();
        builder.Services.AddSingleton<SiteSearch>();
        builder.Services.AddSingleton<CatalogueFeeds>();
        SharedRateLimits.AddPerMinutePolicy(builder.Services, SearchRateLimit,
            context => context.Request.Query.ContainsKey("q") ? SharedRateLimits.ClientOf(context) : null, limits => limits.SearchesPerClientPerMinute);
        return builder;
    }

    public static WebApplication MapDiscovery(this WebApplication app)
    {
        app.MapGet("/sitemap.xml", async (CatalogueFeeds feeds, HttpContext context) =>
            Results.Text(await feeds.SitemapAsync(context.RequestAborted), "application/xml; charset=utf-8"));
        app.MapGet("/rss.xml", async (CatalogueFeeds feeds, HttpContext context) =>
            Results.Text(await feeds.FeedAsync(context.RequestAborted), "application/rss+xml; charset=utf-8"));
        app.MapGet("/robots.txt", (CatalogueFeeds feeds) => Results.Text(feeds.Robots(), "text/plain; charset=utf-8"));
        app.MapGet(SearchSuggestions.Path, SearchSuggestions.AnswerAsync).RequireRateLimiting(SearchRateLimit);
        return app;
    }
}
