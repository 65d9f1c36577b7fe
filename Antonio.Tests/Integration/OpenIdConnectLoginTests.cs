using System.Net;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Access.ExternalLogins;
using static Antonio.Tests.Infrastructure.ExternalSignIn;

namespace Antonio.Tests.Integration;

/// <summary>
/// "Continue with …" for an OpenID Connect provider configured by settings alone, against a provider the test starts
/// (TestOidcServer): a verified address signs up through our e-mail and signs in afterwards; an unverified one is refused;
/// an ID token with another nonce, audience or issuer, or signed with a key the provider never published, signs nobody in.
/// </summary>
[Trait("Category", "Integration")]
public sealed class OpenIdConnectLoginTests(WritableDatabaseFixture fixture) : IClassFixture<WritableDatabaseFixture>, IAsyncLifetime
{
    private TestOidcServer _provider = null!;
    private TestApp _app = null!;
    private string _scheme = "";

    public async Task InitializeAsync()
    {
        _provider = await TestOidcServer.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Antonio:ExternalLogins:OidcAuthority"] = _provider.Issuer, ["Antonio:ExternalLogins:OidcClientId"] = TestOidcServer.ClientId,
            ["Antonio:ExternalLogins:OidcClientSecret"] = TestOidcServer.ClientSecret, ["Antonio:ExternalLogins:OidcDisplayName"] = "Acme SSO",
        };
        _app = await TestApp.StartAsync(fixture.Database, settings: settings);
        _scheme = new ExternalLoginOptions { OidcAuthority = _provider.Issuer }.OidcScheme;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _provider.DisposeAsync();
    }

    private static bool IsSignedIn(string html) => html.Contains("Sign out");

    /// <summary>Through the provider (which signs in <see cref="TestOidcServer.Next"/> at once) and back: where the handler sent the browser.</summary>
    private async Task<string> RoundTripAsync(WebUser user, string? returnUrl = null)
    {
        var authorize = await StartAsync(user, _scheme, returnUrl);
        Assert.StartsWith(_provider.Issuer + "/authorize", authorize.ToString(), StringComparison.Ordinal);
        using var provider = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        using var answer = await provider.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var callback = answer.Headers.Location!;
        Assert.Equal(new Uri(_app.BaseAddress, OpenIdConnectLogin.CallbackPath).AbsoluteUri, callback.GetLeftPart(UriPartial.Path));
        return await CallbackAsync(user, callback);
    }

    [Fact]
    public async Task A_verified_address_signs_up_through_our_e_mail_then_the_provider_signs_in_alone()
    {
        var email = $"sso-{Guid.NewGuid():N}@example.com";
        _provider.Next = new("sub-" + Guid.NewGuid().ToString("N"), email, true, "Ada Lovelace");
        using var user = new WebUser(_app);
        var returnPage = await RoundTripAsync(user, "/workshops");
        var (status, body, _) = await ReturnPageAsync(user, returnPage);
        Assert.Equal(200, status);
        Assert.Contains("Continue with Acme SSO", body);
        Assert.Contains("Check your e-mail", await ContinueAsync(user, returnPage));
        var mail = await _app.Mail.WaitForAsync(email);
        using var confirmed = await FollowAsync(user, TestSmtpServer.LinkIn(mail), "confirm-external-login");
        Assert.Equal("/workshops", PathOf(confirmed.Headers.Location));
        var account = (await user.GetAsync("/account")).Body;
        Assert.Contains("Acme SSO", account);
        Assert.Equal("Ada Lovelace", await fixture.Database.ScalarAsync<string>($"SELECT name FROM users WHERE normalized_email = '{email.ToUpperInvariant()}'"));

        using var again = new WebUser(_app);
        var (_, _, location) = await ReturnPageAsync(again, await RoundTripAsync(again));
        Assert.Equal("/dashboard", location);
        Assert.True(IsSignedIn((await again.GetAsync("/")).Body));
    }

    [Fact]
    public async Task An_unverified_address_is_refused()
    {
        _provider.Next = new("sub-" + Guid.NewGuid().ToString("N"), $"sso-{Guid.NewGuid():N}@example.com", false, "Unverified");
        using var user = new WebUser(_app);
        var (status, body, _) = await ReturnPageAsync(user, await RoundTripAsync(user));
        Assert.Equal(403, status);
        Assert.Contains("isn&#x27;t verified", body);
    }

    [Theory]
    [InlineData(TestOidcServer.Forgery.Nonce)]
    [InlineData(TestOidcServer.Forgery.Audience)]
    [InlineData(TestOidcServer.Forgery.Issuer)]
    [InlineData(TestOidcServer.Forgery.SigningKey)]
    public async Task A_forged_ID_token_signs_nobody_in(TestOidcServer.Forgery forgery)
    {
        // An account the forged token would otherwise sign in: connected to this provider's subject already.
        var subject = "sub-" + Guid.NewGuid().ToString("N");
        var email = $"sso-{Guid.NewGuid():N}@example.com";
        _provider.Next = new(subject, email, true, "Victim");
        using (var owner = new WebUser(_app))
        {
            await ContinueAsync(owner, await RoundTripAsync(owner));
            using (await FollowAsync(owner, TestSmtpServer.LinkIn(await _app.Mail.WaitForAsync(email)), "confirm-external-login")) { }
        }

        _provider.Forge = forgery;
        try
        {
            using var attacker = new WebUser(_app);
            Assert.Equal("/account/login?external=failed", await RoundTripAsync(attacker));
            Assert.False(IsSignedIn((await attacker.GetAsync("/")).Body));
            Assert.Contains("Signing in with another site didn", (await attacker.GetAsync("/account/login?external=failed")).Body);
        }
        finally
        {
            _provider.Forge = TestOidcServer.Forgery.None;
        }
    }
}
