using Antonio.Web.Access.ExternalLogins;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace Antonio.Tests.Unit;

/// <summary>External sign-in fails closed: what Production refuses, and logins tied to the provider that made them.</summary>
[Trait("Category", "Unit")]
public sealed class ExternalLoginOptionsTests
{
    private static bool Valid(ExternalLoginOptions options, string environment) =>
        new ExternalLoginOptionsValidator(new HostingEnvironment { EnvironmentName = environment }).Validate(null, options).Succeeded;

    [Fact]
    public void Production_refuses_the_stand_in_for_GitHub_and_an_OpenID_provider_over_http()
    {
        Assert.True(Valid(new() { LocalGitHub = true }, Environments.Development));
        Assert.False(Valid(new() { LocalGitHub = true }, Environments.Production));
        Assert.True(Valid(new() { OidcAuthority = "http://127.0.0.1:5000", OidcClientId = "c" }, Environments.Development));
        Assert.False(Valid(new() { OidcAuthority = "http://sso.example", OidcClientId = "c" }, Environments.Production));
        Assert.True(Valid(new() { OidcAuthority = "https://sso.example", OidcClientId = "c" }, Environments.Production));
    }

    [Fact]
    public void Half_a_configuration_is_refused()
    {
        Assert.False(Valid(new() { GitHubClientId = "id" }, Environments.Production));
        Assert.False(Valid(new() { OidcAuthority = "https://sso.example" }, Environments.Production));
        Assert.False(Valid(new() { OidcAuthority = "https://sso.example", OidcClientId = "c", OidcDisplayName = " " }, Environments.Production));
        Assert.True(Valid(new() { GitHubClientId = "id", GitHubClientSecret = "secret" }, Environments.Production));
        Assert.True(Valid(new(), Environments.Production));
    }

    [Fact]
    public void Logins_are_stored_under_a_name_tied_to_the_issuer()
    {
        var first = new ExternalLoginOptions { OidcAuthority = "https://sso.example" }.OidcScheme;
        Assert.Equal(first, new ExternalLoginOptions { OidcAuthority = "https://sso.example/" }.OidcScheme);
        Assert.NotEqual(first, new ExternalLoginOptions { OidcAuthority = "https://other.example" }.OidcScheme);
    }
}
