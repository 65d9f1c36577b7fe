using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Antonio.Web.Security;

/// <summary>
/// The site's edge: its public URL, the proxies it trusts, the hosts it answers, the key ring, security
/// headers, rate limiting, and the guards that turn hostile input into a clear 4xx instead of a 500.
/// </summary>
public static class SecurityModule
{
    /// <summary>ASP.NET Core's host-filtering setting, read here only to know whether an operator set it.</summary>
    private const string AllowedHostsKey = "AllowedHosts";

    public static WebApplicationBuilder AddSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddSettings<SiteOptions, SiteOptionsValidator>(SiteOptions.Section);
        builder.AddSettings<NetworkOptions, NetworkOptionsValidator>(NetworkOptions.Section);
        builder.AddSettings<RateLimitOptions, RateLimitOptionsValidator>(RateLimitOptions.Section);
        KeyRing.Add(builder, builder.AddSettings<KeyRingOptions, KeyRingOptionsValidator>(KeyRingOptions.Section));
        services.AddOptions<SecurityHeadersOptions>();

        services.AddSingleton<SiteUrls>();
        services.AddSingleton<TrustedProxies>();
        services.AddSingleton<RequestCountry>();
        services.AddSingleton<SharedRateLimits>();
        services.AddSingleton(new QueryParameterCatalog([typeof(SecurityModule).Assembly, typeof(Client.VideoPlayer).Assembly]));
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) => SharedRateLimits.SayWhenToTryAgain(context);
        });

        // X-Forwarded-For/-Proto are believed from the configured proxies only (none by default; the
        // framework's default trusts loopback).
        services.AddOptions<ForwardedHeadersOptions>().Configure<TrustedProxies>((o, proxies) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var network in proxies.Networks) o.KnownIPNetworks.Add(network);
            o.ForwardLimit = null; // walk back through every trusted hop, stopping at the first untrusted one
        });
        // Hosts: AllowedHosts when set (the framework's own setting); otherwise, outside Development, only
        // the public URL's host. Never an empty Host.
        var hostsConfigured = !string.IsNullOrWhiteSpace(builder.Configuration[AllowedHostsKey]);
        var development = builder.Environment.IsDevelopment();
        services.AddOptions<HostFilteringOptions>().PostConfigure<IOptions<SiteOptions>>((o, site) =>
        {
            o.AllowEmptyHosts = false;
            if (!hostsConfigured && !development && Uri.TryCreate(site.Value.PublicUrl, UriKind.Absolute, out var url))
                o.AllowedHosts = [url.Authority];
        });
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        return builder;
    }

    /// <summary>
    /// First in the pipeline: which connection came through a trusted proxy, then — for those connections
    /// only — the client's real address and scheme. The framework's middleware checks the sender only when
    /// a known proxy or network is listed, so with none configured it would believe anyone's
    /// X-Forwarded-For; it never runs for a connection that is not a configured proxy's.
    /// </summary>
    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        app.UseMiddleware<ProxyTrust>();
        app.UseWhen(ProxiedRequest.IsTrusted, trusted => trusted.UseForwardedHeaders());
        return app;
    }

    /// <summary>
    /// After the error handlers (so their re-executions pass here again): error pages render as GETs,
    /// Production is https-only, every response gets the security headers, HEAD works like GET, learner URLs have one spelling,
    /// unusable input is refused before anything reads it.
    /// </summary>
    public static WebApplication UseRequestGuards(this WebApplication app)
    {
        app.UseMiddleware<ErrorPageRequests>();
        if (app.Environment.IsProduction())
        {
            app.UseMiddleware<HttpsOnly>();
            app.UseHsts();
        }
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<HeadRequests>();
        app.UseMiddleware<CanonicalPaths>();
        app.UseMiddleware<RequestGuard>();
        return app;
    }

    /// <summary>After routing: query values the matched page could not bind are a 400.</summary>
    public static WebApplication UseQueryParameterGuard(this WebApplication app)
    {
        app.UseMiddleware<QueryParameterGuard>();
        return app;
    }
}
