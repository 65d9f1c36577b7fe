namespace Antonio.Web.Discovery;

/// <summary>
/// How the catalogue is found: search over workshops, lessons and transcripts (<c>/search</c>), and the sitemap,
/// feed and robots file search engines and feed readers ask for.
/// </summary>
public static class DiscoveryModule
{
    public static WebApplicationBuilder AddDiscovery(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SiteSearch>();
        builder.Services.AddSingleton<CatalogueFeeds>();
        return builder;
    }

    public static WebApplication MapDiscovery(this WebApplication app)
    {
        app.MapGet("/sitemap.xml", async (CatalogueFeeds feeds, HttpContext context) =>
            Results.Text(await feeds.SitemapAsync(context.RequestAborted), "application/xml; charset=utf-8"));
        app.MapGet("/rss.xml", async (CatalogueFeeds feeds, HttpContext context) =>
            Results.Text(await feeds.FeedAsync(context.RequestAborted), "application/rss+xml; charset=utf-8"));
        app.MapGet("/robots.txt", (CatalogueFeeds feeds) => Results.Text(feeds.Robots(), "text/plain; charset=utf-8"));
        return app;
    }
}
