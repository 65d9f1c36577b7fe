using Antonio.Web.Access;
using Antonio.Web.Admin;
using Antonio.Web.Auditing;
using Antonio.Web.Caching;
using Antonio.Web.Commerce;
using Antonio.Web.Components;
using Antonio.Web.Content;
using Antonio.Web.Discovery;
using Antonio.Web.Hosting;
using Antonio.Web.Learning;
using Antonio.Web.Mail;
using Antonio.Web.Observability;
using Antonio.Web.PageCaching;
using Antonio.Web.Security;
using Microsoft.Extensions.Options;

namespace Antonio.Web;

/// <summary>
/// The web host: the modules, then the pipeline. Program.cs runs it; tests build several in one process
/// (each with its own configuration, port and caches) against real Kestrel, PostgreSQL and Redis.
/// </summary>
public static class AntonioApp
{
    public static async Task<WebApplication> CreateAsync(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // The content root is .NET's own: the working directory (`dotnet run` starts in the project's folder, so its
        // settings and Media are the ones a developer edits) or --contentRoot; the scripts start a built app from its folder.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args, ApplicationName = typeof(AntonioApp).Assembly.GetName().Name,
        });
        configure?.Invoke(builder);
        builder.AddHosting().AddObservability().AddSecurity().AddCaching().AddPageCaching().AddMail().AddAuditing()
            .AddContent().AddAccess().AddCommerce().AddLearning().AddDiscovery().AddAdmin().AddPages();

        var app = builder.Build();
        app.Services.GetRequiredService<IStartupValidator>().Validate(); // every setting checked before anything else happens
        app.UseObservability().UseTrustedProxies().UseErrorPages().UseRequestGuards();
        app.UseRouting();
        app.UseQueryParameterGuard();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UsePageCaching();
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.MapHosting().MapObservability(AccessPolicies.Admin).MapAccess().MapCommerce().MapLearning().MapDiscovery().MapAdmin().MapPages();
        await app.PrepareDatabaseAsync();
        return app;
    }
}
