using Antonio.Data;
using Antonio.Web.Access;
using Antonio.Web.Access.Account;
using Antonio.Web.Caching;
using Antonio.Web.Commerce;
using Antonio.Web.Components;
using Antonio.Web.Content;
using Antonio.Web.Lessons;
using Antonio.Web.Mail;
using Antonio.Web.Observability;
using Antonio.Web.Security;
using Antonio.Web.Startup;
using Antonio.Web.Workshops;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

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
        // Settings are checked before anything else happens: a wrong one stops start-up with one line.
        app.Services.GetRequiredService<IStartupValidator>().Validate();
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

        builder.AddSecurity();
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

        builder.AddMail();
        services.AddAntonioCache(builder.Configuration);
        services.AddSingleton<CachedReader>();
        services.AddPageCache();
        services.AddSingleton<MarkdownRenderer>();
        services.AddSingleton<WorkshopReader>();
        services.AddSingleton<LessonReader>();
        services.AddSingleton<PricingReader>();
        services.AddSingleton<QuoteService>();
        services.AddSingleton<Fulfilment>();
        AddPayments(builder);
        services.AddSingleton<AccessReader>();
        services.AddSingleton<PurchaseEffects>();
        services.AddSingleton<TeamSeats>();
        services.AddSingleton<Progress.ProgressService>();
        services.AddScoped<ViewerContext>();
        builder.AddAntonioIdentity();
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
        // The video stream host (Mux by default) may be played from and fetched by hls.js.
        if (Uri.TryCreate(builder.Configuration["Antonio:Video:StreamUrlFormat"] ?? "https://stream.mux.com/{0}.m3u8", UriKind.Absolute, out var stream))
            services.Configure<SecurityHeadersOptions>(o => o.MediaOrigins.Add(stream.GetLeftPart(UriPartial.Authority)));

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddScoped<Microsoft.AspNetCore.Components.Forms.AntiforgeryStateProvider, Components.OnDemandAntiforgeryStateProvider>();
    }

    /// <summary>Payments fail closed: no provider configured = nothing can be bought (see <see cref="PaymentOptions"/>).</summary>
    private static void AddPayments(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<PaymentOptions>().BindConfiguration(PaymentOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PaymentOptions>, PaymentOptionsValidator>();
        services.AddSingleton<LocalPaymentProvider>();
        // TryAdd: a test may stand in a provider that is down.
        services.TryAddSingleton<IPaymentProvider>(sp => sp.GetRequiredService<IOptions<PaymentOptions>>().Value.Provider switch
        {
            PaymentProviderNames.Stripe => ActivatorUtilities.CreateInstance<StripePaymentProvider>(sp),
            PaymentProviderNames.Local => sp.GetRequiredService<LocalPaymentProvider>(),
            _ => new UnavailablePaymentProvider(),
        });
        if (builder.Configuration[$"{PaymentOptions.Section}:Provider"] == PaymentProviderNames.Stripe)
            services.Configure<SecurityHeadersOptions>(o => o.FormActionOrigins.Add(StripePaymentProvider.CheckoutOrigin));
    }

    private static void UsePipeline(WebApplication app)
    {
        app.UseMiddleware<RequestMetricsMiddleware>();
        app.UseTrustedProxies();
        // Never a stack trace, in any environment: a database outage is a 503 page, a request the client
        // botched (a malformed, oversized or stalled body) its own 4xx, anything else a 500 page.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/Error",
            CreateScopeForErrors = true,
            StatusCodeSelector = e => e switch
            {
                _ when DatabaseOutage.IsOutage(e) => StatusCodes.Status503ServiceUnavailable,
                BadHttpRequestException bad => bad.StatusCode,
                _ => StatusCodes.Status500InternalServerError,
            },
        });
        app.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true);
        app.UseRequestGuards();
        app.UseRouting();
        app.UseQueryParameterGuard();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseOutputCache(); // after authentication: only anonymous visitors share pages
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapAccountEndpoints();
        app.MapAntonioMetrics();
        app.MapStripeWebhook();
        // Our Content-Security-Policy already forbids framing ('none'); Blazor's own, second header would say 'self'.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
    }
}
