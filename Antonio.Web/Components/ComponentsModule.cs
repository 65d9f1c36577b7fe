using Microsoft.AspNetCore.Components.Infrastructure;
using Microsoft.Extensions.DependencyInjection.Extensions;

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
        // The framework persists services (the antiforgery token, the asset map) into every page for a circuit
        // to pick up: an encrypted Blazor-Server-Component-State comment of ~750 incompressible bytes on every
        // learner page, where no circuit ever starts. The manager made without the service provider has no
        // registry of such services; our circuits need none (OnDemandAntiforgeryStateProvider gives a circuit
        // no token; no interactive component asks for an asset). Component state still persists.
        builder.Services.Replace(ServiceDescriptor.Scoped(sp => new ComponentStatePersistenceManager(sp.GetRequiredService<ILogger<ComponentStatePersistenceManager>>())));
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
