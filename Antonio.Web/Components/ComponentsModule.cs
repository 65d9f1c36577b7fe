namespace Antonio.Web.Components;

/// <summary>
/// The Blazor shell: static server rendering with streaming and enhanced navigation for every page;
/// the interactive (Server) render mode registered for the admin forms only.
/// </summary>
public static class ComponentsModule
{
    public static WebApplicationBuilder AddPages(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        return builder;
    }

    public static WebApplication MapPages(this WebApplication app)
    {
        app.MapStaticAssets();
        // Our Content-Security-Policy already forbids framing ('none'); Blazor's own, second header would say 'self'.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
        return app;
    }
}
