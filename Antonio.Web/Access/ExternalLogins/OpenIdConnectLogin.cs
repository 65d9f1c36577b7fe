using System.Security.Claims;
using Antonio.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Antonio.Web.Access.ExternalLogins;

/// <summary>
/// "Continue with …" for any OpenID Connect provider (<see cref="ExternalLoginOptions.OidcAuthority"/>), through the
/// framework's handler: the authorization code flow with PKCE, the ID token's signature, issuer, audience, lifetime and
/// nonce checked against the provider's discovery document and keys. Its claims are read under their own names and
/// given the ones every external sign-in here shares (the account id, address, whether it is verified, name, handle).
/// </summary>
public static class OpenIdConnectLogin
{
    public const string CallbackPath = "/signin-oidc";

    public static void Add(AuthenticationBuilder authentication, ExternalLoginOptions options, CookieSecurePolicy secure, bool production, Func<RemoteFailureContext, Task> failed,
        Func<AccessDeniedContext, Task> denied) =>
        authentication.AddOpenIdConnect(options.OidcScheme, options.OidcDisplayName.Trim(), o =>
        {
            o.Authority = options.OidcAuthority;
            o.ClientId = options.OidcClientId;
            o.ClientSecret = string.IsNullOrWhiteSpace(options.OidcClientSecret) ? null : options.OidcClientSecret;
            o.CallbackPath = CallbackPath;
            o.ResponseType = OpenIdConnectResponseType.Code;
            // Back with a top-level GET, so the correlation and nonce cookies can stay SameSite=Lax (a form_post needs None).
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.UsePkce = true;
            o.Scope.Clear();
            o.Scope.Add(OpenIdConnectScope.OpenId);
            o.Scope.Add(OpenIdConnectScope.Email);
            o.Scope.Add("profile");
            o.MapInboundClaims = false;
            o.GetClaimsFromUserInfoEndpoint = false;
            o.SaveTokens = false;
            o.DisableTelemetry = true;
            o.RequireHttpsMetadata = production;
            o.BackchannelTimeout = TimeSpan.FromSeconds(10);
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.CorrelationCookie.SecurePolicy = secure;
            o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.SecurePolicy = secure;
            o.Events.OnRedirectToIdentityProvider = context =>
            {
                // The callback on the public URL, not the request's Host (it is also what the code is redeemed for).
                context.ProtocolMessage.RedirectUri = context.HttpContext.RequestServices.GetRequiredService<SiteUrls>().Absolute(CallbackPath);
                return Task.CompletedTask;
            };
            o.Events.OnTokenValidated = context =>
            {
                if (context.Principal?.Identity is ClaimsIdentity identity) Normalize(identity);
                return Task.CompletedTask;
            };
            o.Events.OnRemoteFailure = failed;
            o.Events.OnAccessDenied = denied;
        });

    /// <summary>The ID token's claims (sub, email, email_verified, name, preferred_username) under the names the sign-in reads.</summary>
    public static void Normalize(ClaimsIdentity identity)
    {
        string? Read(string type) => identity.FindFirst(type)?.Value is { Length: > 0 } value ? value : null;
        if (Read("sub") is { } sub) identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, sub));
        if (Read("email") is { } email) identity.AddClaim(new Claim(ClaimTypes.Email, email));
        if ((Read("name") ?? Read("preferred_username")) is { } name) identity.AddClaim(new Claim(ClaimTypes.Name, name));
        if ((Read("preferred_username") ?? Read("email")) is { } handle) identity.AddClaim(new Claim(ExternalClaims.Handle, handle));
        // email_verified stays under its own name, which is ExternalClaims.EmailVerified.
    }
}
