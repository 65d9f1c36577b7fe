using Antonio.Data.Identity;
using Antonio.Web.Access.Account;
using Antonio.Web.Mail;
using Antonio.Web.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.AspNetCore.Identity;

namespace Antonio.Web.Access.ExternalLogins;

/// <summary>
/// Sign-in with GitHub through the framework's own OAuth handler (<see cref="SiteOAuthHandler"/>), off until
/// <see cref="ExternalLoginOptions"/> configures it; in Development and tests against <see cref="LocalGitHub"/>.
/// </summary>
public static class ExternalLoginSetup
{
    public const string GitHubCallbackPath = "/signin-github";
    /// <summary>Where the browser lands once the handler has read the provider's answer (<see cref="ExternalLogins.ArriveAsync"/>).</summary>
    public const string ReturnPath = "/account/external";
    public const string ConfirmPath = "/account/external/confirm";
    public const string StartPath = "/account/external/start";
    public const string ConnectPath = "/account/external/connect";

    internal static void AddExternalLogins(this WebApplicationBuilder builder, CookieSecurePolicy secure)
    {
        var services = builder.Services;
        var options = builder.AddSettings<ExternalLoginOptions, ExternalLoginOptionsValidator>(ExternalLoginOptions.Section);
        services.AddSingleton<ExternalLoginTokens>();
        services.AddScoped<ExternalLogins>();
        services.AddScoped<IMailComposer, ExternalLoginMail>();
        if (options.OidcEnabled)
            OpenIdConnectLogin.Add(services.AddAuthentication(), options, secure, builder.Environment.IsProduction(),
                context => Failed(context, context.Properties, "failed"), context => Failed(context, context.Properties, "cancelled"));
        if (!options.GitHubEnabled) return;

        services.AddAuthentication().AddOAuth<OAuthOptions, SiteOAuthHandler>(GitHubProfile.Scheme, "GitHub", o =>
        {
            o.ClientId = options.GitHubClientId ?? LocalGitHub.ClientId;
            o.ClientSecret = options.GitHubClientSecret ?? LocalGitHub.ClientSecret;
            o.CallbackPath = GitHubCallbackPath;
            o.AuthorizationEndpoint = "https://github.com/login/oauth/authorize";
            o.TokenEndpoint = "https://github.com/login/oauth/access_token";
            o.UserInformationEndpoint = "https://api.github.com/user";
            o.Scope.Add("read:user");
            o.Scope.Add("user:email");
            o.UsePkce = true;
            o.SaveTokens = false; // the token is used once, to read who signed in, and never kept
            o.BackchannelTimeout = TimeSpan.FromSeconds(10);
            o.SignInScheme = IdentityConstants.ExternalScheme;
            // The provider sends the browser back with a top-level GET: Lax is enough, and Secure wherever the site cookies are.
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.CorrelationCookie.SecurePolicy = secure;
            o.Events.OnCreatingTicket = GitHubProfile.ReadAsync;
            o.Events.OnRemoteFailure = context => Failed(context, context.Properties, "failed");
            o.Events.OnAccessDenied = context => Failed(context, context.Properties, "cancelled");
        });
        if (options.LocalGitHub)
        {
            services.AddSingleton<LocalGitHub>();
            // Resolved on the first request, once the site's own address is known (a test binds port 0).
            services.AddOptions<OAuthOptions>(GitHubProfile.Scheme).Configure<SiteUrls>((o, urls) =>
            {
                o.AuthorizationEndpoint = urls.Absolute(LocalGitHub.AuthorizePath);
                o.TokenEndpoint = urls.Absolute(LocalGitHub.TokenPath);
                o.UserInformationEndpoint = urls.Absolute(LocalGitHub.UserPath);
            });
        }
    }

    /// <summary>A refused or broken sign-in at the provider (a forged state, a bad code, "cancel") ends on a page that says so, never a 500.</summary>
    private static Task Failed(HandleRequestContext<RemoteAuthenticationOptions> context, AuthenticationProperties? properties, string what)
    {
        var connecting = properties?.Items.ContainsKey(ExternalLogins.ConnectToItem) == true;
        context.Response.Redirect((connecting ? "/account?external=" : "/account/login?external=") + what);
        context.HandleResponse();
        return Task.CompletedTask;
    }

    internal static void MapExternalLogins(this IEndpointRouteBuilder app)
    {
        // Starting a sign-in is a POST with the form's antiforgery token: another site cannot send a visitor through GitHub
        // and back signed in as someone else.
        app.MapPost(StartPath, async (HttpContext context, IAntiforgery antiforgery, ExternalLogins logins) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context)) return Results.BadRequest("This form has expired. Reload the page and try again.");
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var scheme = form["provider"].ToString();
            if ((await logins.SchemesAsync()).All(s => s.Name != scheme)) return Results.NotFound();
            return Results.Challenge(logins.SignInChallenge(scheme, form["returnUrl"]), [scheme]);
        }).DisableAntiforgery().RequireRateLimiting(AccountRateLimits.ClientPolicy);

        // Connecting: the account page checked the proof and handed out a two-minute ticket for this user and provider.
        app.MapGet(ConnectPath, async (HttpContext context, string? provider, string? ticket, ExternalLogins logins) =>
            (await logins.SchemesAsync()).Any(s => s.Name == provider) && logins.ConnectChallenge(context.User, provider!, ticket) is { } properties
                ? Results.Challenge(properties, [provider!])
                : Results.LocalRedirect("/account?external=failed")).RequireAuthorization();

        if (app.ServiceProvider.GetService<LocalGitHub>() is not null) LocalGitHub.Map(app);
    }
}
