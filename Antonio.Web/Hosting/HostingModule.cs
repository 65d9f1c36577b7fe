using Antonio.Data;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Antonio.Web.Hosting;

/// <summary>
/// What every feature stands on: the database (one pooled DbContext factory with every registered
/// interceptor; migrations and demo data at start-up), the clock, the error pages, and the health
/// endpoints a load balancer polls.
/// </summary>
public static class HostingModule
{
    public static WebApplicationBuilder AddHosting(this WebApplicationBuilder builder)
    {
        var database = builder.AddSettings<DatabaseOptions, DatabaseOptionsValidator>(DatabaseOptions.Section, DatabaseOptions.Complete);
        builder.AddSettings<SeedOptions, SeedOptionsValidator>(SeedOptions.Section);
        // The site speaks one language: dates and numbers render the same whatever the server's locale.
        System.Globalization.CultureInfo.DefaultThreadCurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
        System.Globalization.CultureInfo.DefaultThreadCurrentUICulture = System.Globalization.CultureInfo.InvariantCulture;
        var services = builder.Services;
        services.AddHttpContextAccessor();
        services.TryAddSingleton(TimeProvider.System); // tests pin the clock
        // One pooled factory; scoped contexts for write paths (and Identity's stores) come from it too.
        services.AddPooledDbContextFactory<AntonioDbContext>((sp, options) =>
            AntonioDbOptions.Configure((DbContextOptionsBuilder<AntonioDbContext>)options, database.Postgres ?? "")
                .AddInterceptors(sp.GetServices<IInterceptor>()));
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<AntonioDbContext>>().CreateDbContext());
        var drain = builder.AddSettings<DrainOptions, DrainOptionsValidator>(DrainOptions.Section);
        services.Configure<HostOptions>(host => host.ShutdownTimeout = drain.NotReadyFor + drain.FinishWithin);
        services.AddSingleton<GracefulDrain>();
        services.AddHostedService(sp => sp.GetRequiredService<GracefulDrain>());
        services.AddHealthChecks()
            .AddCheck<GracefulDrain>("draining", tags: ["ready"])
            .AddDbContextCheck<AntonioDbContext>("postgres", tags: ["ready"]);
        return builder;
    }

    /// <summary>
    /// Never a stack trace, in any environment: a database outage is a 503 page, a request the client
    /// botched (a malformed, oversized or stalled body) its own 4xx, anything else a 500 page; a status
    /// without a body of its own (403, 404, 429 …) gets its page.
    /// </summary>
    public static WebApplication UseErrorPages(this WebApplication app)
    {
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
        return app;
    }

    /// <summary>
    /// /health/live: the process answers. /health/ready: the node is not draining (<see cref="GracefulDrain"/>) and
    /// PostgreSQL answers (Redis down is "degraded", still ready: the cache falls back to memory). Neither is cached or
    /// rate-limited.
    /// </summary>
    public static WebApplication MapHosting(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        return app;
    }
}
