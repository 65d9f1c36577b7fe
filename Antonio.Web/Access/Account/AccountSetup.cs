using Antonio.Data;
using Antonio.Data.Identity;
using Antonio.Web.Access.ExternalLogins;
using Antonio.Web.Mail;
using Antonio.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Antonio.Web.Access.Account;

/// <summary>Sets up accounts: ASP.NET Core Identity, the sign-in cookie and the account services (<see cref="AccessModule"/> calls it).</summary>
public static class AccountSetup
{
    /// <summary>
    /// Cookie sign-in with ASP.NET Core Identity: lockout after 5 failures for 15 minutes, 8+ character
    /// passwords, unique e-mails, the security stamp checked on every request, Secure cookies in
    /// Production. (The Data Protection key ring that signs the cookies: <see cref="Security.KeyRing"/>.)
    /// </summary>
    internal static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddSettings<SessionOptions, SessionOptionsValidator>(SessionOptions.Section);
        var secure = builder.Environment.IsProduction() ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        services.AddAuthentication(o =>
        {
            o.DefaultScheme = IdentityConstants.ApplicationScheme;
            o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
        }).AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.AccessDeniedPath = "/account/denied";
            o.ReturnUrlParameter = "returnUrl";
            o.Cookie.Name = "antonio.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = secure;
            o.ExpireTimeSpan = TimeSpan.FromDays(14);
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = SecurityStampCheck.ValidateAsync;
            // A signed-in user without the role gets a real 403 page, not a redirect.
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = secure);
        // After the cookie handler's own post-configuration made the ticket format: remember decrypted tickets.
        services.AddSingleton<RememberedTickets.Memory>();
        services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .PostConfigure<RememberedTickets.Memory>((o, memory) => o.TicketDataFormat = new RememberedTickets(o.TicketDataFormat, memory));
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
                // Accounts are created only by confirming the e-mailed link, so every account is confirmed.
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<AppRole>()
            .AddEntityFrameworkStores<AntonioDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<AccountClaims>()
            .AddDefaultTokenProviders();
        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, CircuitRevalidation>();

        services.AddScoped<MagicLinks>();
        services.AddScoped<AccountService>();
        services.AddScoped<IdentityProof>();
        services.AddSingleton<RegistrationTokens>();
        services.AddSingleton<EmailChangeTokens>();
        services.AddScoped<AccountEditor>();
        services.AddScoped<AccountDeletion>();
        services.AddScoped<AccountDataExport>();
        services.AddScoped<IMailComposer, EmailChangeMail>();
        services.AddScoped<IMailComposer, EmailChangedMail>();
        services.AddSingleton<AccountRateLimits>();
        services.AddScoped<IMailComposer, SignInLinkMail>();
        services.AddScoped<IMailComposer, RegistrationMail>();
        services.AddSingleton<Antonio.Web.PageCaching.IViewerSlotSource, SignedInNameSlot>();
        services.AddSingleton<Antonio.Web.PageCaching.IViewerSlotSource, TeamLinkSlot>();
        AccountRateLimits.AddClientPolicy(services);
        builder.AddExternalLogins(secure);
        return builder;
    }
}
