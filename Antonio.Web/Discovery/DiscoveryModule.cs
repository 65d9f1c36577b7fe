namespace Antonio.Web.Discovery;

/// <summary>How the catalogue is found: search over workshops, lessons and transcripts (<c>/search</c>).</summary>
public static class DiscoveryModule
{
    public static WebApplicationBuilder AddDiscovery(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SiteSearch>();
        return builder;
    }

    public static WebApplication MapDiscovery(this WebApplication app) => app;
}
