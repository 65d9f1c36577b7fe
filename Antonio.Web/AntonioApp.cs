using Antonio.Data;
using Antonio.Web.Access;
using Antonio.Web.Access.Account;
using Antonio.Web.Caching;
using Antonio.Web.Commerce;
using Antonio.Web.Components;
using Antonio.Web.Content;
using Antonio.Web.Lessons;
using Antonio.Web.Observability;
using Antonio.Web.Startup;
using Antonio.Web.Workshops;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Antonio.Web;

/// <summary>
/// Builds the web host. Program.cs runs it; tests build several in one process (each with its own
/// configuration, port and caches) to exercise real Kestrel, PostgreSQL and Redis.
/// </summary>
public static class AntonioApp
{
    public static async Task<WebApplication> CreateAsync(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(AntonioApp).Assembly.GetName().Name,
        });
        configure?.Invoke(builder);
        AddServices(builder);
        var app = builder.Build();
        UsePipeline(app);
        await DatabaseStartup.RunAsync(app);
        return app;
    }

    private static void AddServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var postgres = builder.Configuration.GetConnectionString("Postgres");
        if (string.IsNullOrWhiteSpace(postgres))
            throw new StartupException("ConnectionStrings:Postgres is not set (e.g. ConnectionStrings__Postgres=\"Host=127.0.0.1;Port=55432;Username=antonio;Database=antonio\").");

        services.AddHttpContextAccessor();
        services.TryAddSingleton(TimeProvider.System); // tests pin the clock
        services.AddSingleton<RequestStatsAccessor>();
        services.AddSingleton<QueryCounterInterceptor>();
        services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<QueryCounterInterceptor>());
        services.AddSingleton<RequestLog>();

        // One pooled factory; scoped contexts for write paths come from it too.
        services.AddPooledDbContextFactory<AntonioDbContext>((sp, options) =>
            AntonioDbOptions.Configure((DbContextOptionsBuilder<AntonioDbContext>)options, postgres)
                .AddInterceptors(sp.GetServices<IInterceptor>()));
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<AntonioDbContext>>().CreateDbContext());

        services.AddAntonioCache(builder.Configuration);
        services.AddSingleton<CachedReader>();
        services.AddPageCache();
        services.AddSingleton<MarkdownRenderer>();
        services.AddSingleton<WorkshopReader>();
        services.AddSingleton<LessonReader>();
        services.AddSingleton<PricingReader>();
        services.AddSingleton<QuoteService>();
        services.AddSingleton<Fulfilment>();
        services.AddSingleton<LocalPaymentProvider>();
        // Stripe when a key is configured; otherwise the local, clearly marked test-mode checkout.
        // (TryAdd: a test may stand in a provider that is down.)
        if (builder.Configuration["Antonio:Stripe:SecretKey"] is { Length: > 0 }) services.TryAddSingleton<IPaymentProvider, StripePaymentProvider>();
        else services.TryAddSingleton<IPaymentProvider>(sp => sp.GetRequiredService<LocalPaymentProvider>());
        services.AddSingleton<AccessReader>();
        services.AddSingleton<PurchaseEffects>();
        services.AddSingleton<TeamSeats>();
        services.AddSingleton<Progress.ProgressService>();
        services.AddScoped<ViewerContext>();
        services.AddAntonioIdentity(builder.Configuration);
        services.AddSingleton<Admin.ContentEditor>();
        services.AddSingleton<Admin.StructureEditor>();
        services.AddSingleton<Admin.AdminContentReader>();
        services.AddSingleton<Admin.ProductEditor>();
        services.AddSingleton<Admin.CouponEditor>();
        services.AddSingleton<Admin.UserAccessEditor>();
        services.AddSingleton<Admin.AdminPurchaseReader>();
        services.AddSingleton<Admin.AuditLogReader>();

        services.AddAntonioObservability();
        services.AddRumRateLimit();

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddScoped<Microsoft.AspNetCore.Components.Forms.AntiforgeryStateProvider, Components.OnDemandAntiforgeryStateProvider>();
    }

    private static void UsePipeline(WebApplication app)
    {
        app.UseMiddleware<RequestMetricsMiddleware>();
        // Never a stack trace, in any environment: a database outage is a 503 page, anything else a 500 page.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/Error",
            CreateScopeForErrors = true,
            StatusCodeSelector = e => DatabaseOutage.IsOutage(e)
                ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseOutputCache(); // after authentication: only anonymous visitors share pages
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapAccountEndpoints();
        app.MapAntonioMetrics();
        app.MapStripeWebhook();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    }
}
