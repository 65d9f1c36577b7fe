using Microsoft.Extensions.Options;

namespace Antonio.Web.Security;

/// <summary>Antonio:PublicUrl: an absolute http(s) URL without query or fragment; required outside Development, https in Production.</summary>
public sealed class SiteOptionsValidator(IHostEnvironment environment) : IValidateOptions<SiteOptions>
{
    public ValidateOptionsResult Validate(string? name, SiteOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.PublicUrl))
            return environment.IsDevelopment()
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail("Antonio:PublicUrl is not set: give the site's public base URL (e.g. https://workshops.example.com); links in e-mails are built from it.");
        if (!Uri.TryCreate(options.PublicUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")
            || !string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment) || !string.IsNullOrEmpty(url.UserInfo))
            return ValidateOptionsResult.Fail($"Antonio:PublicUrl '{options.PublicUrl}' is not an absolute http(s) URL without query or fragment.");
        if (environment.IsProduction() && url.Scheme != "https")
            return ValidateOptionsResult.Fail($"Antonio:PublicUrl '{options.PublicUrl}' must be https:// in Production (sign-in cookies are Secure).");
        return ValidateOptionsResult.Success;
    }
}
