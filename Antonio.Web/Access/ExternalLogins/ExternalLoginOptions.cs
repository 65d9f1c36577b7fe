using Microsoft.Extensions.Options;

namespace Antonio.Web.Access.ExternalLogins;

/// <summary>Sign-in through another site's account (<c>Antonio:ExternalLogins</c>). Each provider is off until configured.</summary>
public sealed class ExternalLoginOptions
{
    public const string Section = "Antonio:ExternalLogins";

    /// <summary>The OAuth app's client id from GitHub's developer settings; with <see cref="GitHubClientSecret"/> it turns "Continue with GitHub" on.</summary>
    public string? GitHubClientId { get; set; }

    public string? GitHubClientSecret { get; set; }

    /// <summary>
    /// Development and tests only: a stand-in for GitHub served by this app (<see cref="LocalGitHub"/>), where you type who you are.
    /// Refused in Production (anyone could be anyone).
    /// </summary>
    public bool LocalGitHub { get; set; }

    public bool GitHubEnabled => LocalGitHub || !string.IsNullOrWhiteSpace(GitHubClientId);

    /// <summary>
    /// Any OpenID Connect provider, by its issuer URL (its discovery document is read from
    /// <c>/.well-known/openid-configuration</c> under it); with <see cref="OidcClientId"/> it adds "Continue with
    /// <see cref="OidcDisplayName"/>". Its callback is the public URL + <c>/signin-oidc</c>.
    /// </summary>
    public string? OidcAuthority { get; set; }

    public string? OidcClientId { get; set; }

    public string? OidcClientSecret { get; set; }

    /// <summary>What the button and the account page call the provider.</summary>
    public string OidcDisplayName { get; set; } = "single sign-on";

    public bool OidcEnabled => !string.IsNullOrWhiteSpace(OidcAuthority);

    /// <summary>
    /// The scheme (and so the name logins are stored under) is tied to the issuer: pointing the setting at another provider
    /// never lets that provider's accounts sign in as the ones an earlier provider's ids were connected to.
    /// </summary>
    public string OidcScheme => "oidc-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
        System.Text.Encoding.UTF8.GetBytes((OidcAuthority ?? "").TrimEnd('/'))))[..12];
}

public sealed class ExternalLoginOptionsValidator(IHostEnvironment environment) : IValidateOptions<ExternalLoginOptions>
{
    public ValidateOptionsResult Validate(string? name, ExternalLoginOptions options) =>
        options.LocalGitHub && environment.IsProduction()
            ? ValidateOptionsResult.Fail("Antonio:ExternalLogins:LocalGitHub is on in Production: the local stand-in for GitHub signs in whoever types an address. Configure GitHubClientId and GitHubClientSecret instead.")
            : options.LocalGitHub && !string.IsNullOrWhiteSpace(options.GitHubClientId)
                ? ValidateOptionsResult.Fail("Antonio:ExternalLogins: set either LocalGitHub or GitHubClientId, not both.")
                : string.IsNullOrWhiteSpace(options.GitHubClientId) != string.IsNullOrWhiteSpace(options.GitHubClientSecret)
                    ? ValidateOptionsResult.Fail("Antonio:ExternalLogins: GitHubClientId and GitHubClientSecret go together (both from the OAuth app's settings at GitHub).")
                    : ValidateOidc(options);

    private ValidateOptionsResult ValidateOidc(ExternalLoginOptions options)
    {
        if (!options.OidcEnabled) return ValidateOptionsResult.Success;
        if (!Uri.TryCreate(options.OidcAuthority, UriKind.Absolute, out var authority) || (authority.Scheme != Uri.UriSchemeHttps && environment.IsProduction()))
            return ValidateOptionsResult.Fail("Antonio:ExternalLogins:OidcAuthority must be the provider's absolute issuer URL (https in Production).");
        if (string.IsNullOrWhiteSpace(options.OidcClientId))
            return ValidateOptionsResult.Fail("Antonio:ExternalLogins:OidcAuthority is set but OidcClientId is not (the client registered with the provider).");
        return options.OidcDisplayName.Trim().Length is < 1 or > 40
            ? ValidateOptionsResult.Fail("Antonio:ExternalLogins:OidcDisplayName must be 1 to 40 characters (it is printed on a button).")
            : ValidateOptionsResult.Success;
    }
}
