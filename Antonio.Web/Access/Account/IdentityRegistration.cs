using Antonio.Data;
using Antonio.Data.Identity;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Antonio.Web.Access.Account;

public static class IdentityRegistration
{
    /// <summary>
    /// Cookie sign-in with ASP.NET Core Identity: lockout after 5 failures for 15 minutes, 8+ character
    /// passwords, unique emails. Data Protection keys live in Redis when it is configured, so a cookie
    /// issued by one node is valid on every node.
    /// </summary>
    public static IServiceCollection AddAntonioIdentity(this IServiceCollection services, IConfiguration config)
    {
        services.AddAuthentication(o =>
        {
            o.DefaultScheme = IdentityConstants.ApplicationScheme;
            o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
        }).AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.AccessDeniedPath = "/account/denied";
            o.Cookie.Name = "antonio.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = TimeSpan.FromDays(14);
            o.SlidingExpiration = true;
            // A signed-in user without the role gets a real 403 page, not a redirect.
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        services.AddIdentityCore<AppUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 8;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<AppRole>()
            .AddEntityFrameworkStores<AntonioDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddAuthorization();
        services.AddCascadingAuthenticationState();

        // Keys live in PostgreSQL, shared by every node. Not in Redis: with Redis down, no key ring could
        // load, and every cookie, form token and magic link would fail with it. (Loaded keys are cached
        // for a day, so a short database outage does not affect them either.)
        services.AddDataProtection().SetApplicationName("antonio-workshops").PersistKeysToDbContext<AntonioDbContext>();

        // TryAdd: a host (or a test) may have registered its own sender first.
        if (config["Antonio:Smtp:Host"] is { Length: > 0 }) services.TryAddSingleton<IEmailSender, SmtpEmailSender>();
        else services.TryAddSingleton<IEmailSender, LogEmailSender>();
        services.AddScoped<MagicLinks>();
        return services;
    }
}
