using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.OutputCaching;

namespace Antonio.Web.PageCaching;

/// <summary>
/// Whole rendered pages for anonymous visitors, so a warm anonymous page costs no rendering at all.
/// Built on ASP.NET Core's output cache (request collapsing, streaming capture) with its store in the
/// one FusionCache; which pages (<see cref="SharedPageAttribute"/>), what they vary by
/// (<see cref="IPageVariation"/>), how they go stale (the tags of what they read), and the antiforgery
/// provider that lets a page without a form carry no cookie — all here.
/// </summary>
public static class PageCachingModule
{
    /// <summary>The longest a page lives: pricing inputs (coupons, sales) are cached this long too.</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(1);

    public static WebApplicationBuilder AddPageCaching(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<IOutputCacheStore, FusionPageStore>();
        services.AddSingleton<AnonymousPagePolicy>();
        services.AddOutputCache();
        services.AddOptions<OutputCacheOptions>().Configure<AnonymousPagePolicy>((o, policy) =>
        {
            o.AddBasePolicy(policy);
            o.DefaultExpirationTimeSpan = Duration;
            o.MaximumBodySize = 2 * 1024 * 1024;
        });
        services.AddScoped<AntiforgeryStateProvider, OnDemandAntiforgeryStateProvider>();
        return builder;
    }

    /// <summary>After authentication: only anonymous visitors share pages.</summary>
    public static WebApplication UsePageCaching(this WebApplication app)
    {
        app.UseOutputCache();
        return app;
    }
}
