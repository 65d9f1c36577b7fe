using System.Text.Encodings.Web;
using Antonio.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.Extensions.Options;

namespace Antonio.Web.Access.ExternalLogins;

/// <summary>
/// The framework's OAuth handler with one change: the address the provider sends the browser back to (and that the
/// code is exchanged for) is built on the configured public URL, not on the request's Host header, which a client
/// chooses (<see cref="SiteUrls"/>).
/// </summary>
public sealed class SiteOAuthHandler(IOptionsMonitor<OAuthOptions> options, ILoggerFactory logger, UrlEncoder encoder, SiteUrls urls)
    : OAuthHandler<OAuthOptions>(options, logger, encoder)
{
    private string CallbackUrl => urls.Absolute(Options.CallbackPath);

    protected override string BuildChallengeUrl(AuthenticationProperties properties, string redirectUri) =>
        base.BuildChallengeUrl(properties, CallbackUrl);

    protected override Task<OAuthTokenResponse> ExchangeCodeAsync(OAuthCodeExchangeContext context) =>
        base.ExchangeCodeAsync(new OAuthCodeExchangeContext(context.Properties, context.Code, CallbackUrl));
}
