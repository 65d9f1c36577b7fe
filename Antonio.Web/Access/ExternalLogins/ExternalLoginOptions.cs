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
                    : ValidateOptionsResult.Success;
}
