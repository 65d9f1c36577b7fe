using System.Net;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;

namespace Antonio.Tests.Integration;

/// <summary>
/// Issue #12.1 and #12.4: every absolute URL comes from the configured public URL; only the public host is
/// answered in Production; forwarded headers and the country header count only from a trusted proxy.
/// </summary>
[Trait("Category", "Integration")]
public sealed class PublicUrlAndProxyTests(WritableDatabaseFixture fixture) : IClassFixture<WritableDatabaseFixture>
{
    private const string PublicUrl = "https://workshops.example.com";

    [Fact]
    public async Task A_sign_in_link_is_built_from_the_public_url_whatever_host_the_request_names()
    {
        await using var app = await TestApp.StartAsync(fixture.Database, settings: new Dictionary<string, string?> { ["Antonio:PublicUrl"] = PublicUrl });
        using var attacker = new WebUser(app);
        var response = await attacker.SubmitFormAsync("/account/magic-link", "magic-link", new() { ["Input.Email"] = DemoAccounts.Nobody },
            headers: new Dictionary<string, string> { ["Host"] = "evil.example" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var mail = await app.Mail.WaitForAsync(DemoAccounts.Nobody);
        Assert.Equal(PublicUrl + "/account/magic", TestSmtpServer.LinkIn(mail).GetLeftPart(UriPartial.Path));
        Assert.DoesNotContain("evil.example", mail.TextBody);
        Assert.EndsWith("@workshops.example.com>", mail.MessageId + ">");
    }

    [Fact]
    public async Task The_team_invite_link_is_built_from_the_public_url()
    {
        await using var app = await TestApp.StartAsync(fixture.Database, settings: new Dictionary<string, string?> { ["Antonio:PublicUrl"] = PublicUrl });
        using var buyer = await WebUser.SignedInAsync(app, DemoAccounts.TeamBuyer);
        var team = await buyer.GetAsync("/team", new Dictionary<string, string> { ["Host"] = "evil.example" });
        Assert.Contains($"value=\"{PublicUrl}/team/redeem/", team.Body);
        Assert.DoesNotContain("evil.example", team.Body);
    }

    [Fact]
    public async Task In_production_only_the_public_host_is_answered_and_behind_a_trusted_proxy_cookies_are_secure_with_hsts()
    {
        await using var app = await TestApp.StartAsync(fixture.Database, environment: "Production",
            settings: new Dictionary<string, string?> { ["Antonio:PublicUrl"] = PublicUrl, ["Antonio:Payments:Provider"] = "none" });
        using var visitor = new WebUser(app);
        using (var evil = new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { Host = "evil.example" } })
            Assert.Equal(HttpStatusCode.BadRequest, (await visitor.Client.SendAsync(evil)).StatusCode);
        // The loopback address is not the site's name either.
        Assert.Equal(HttpStatusCode.BadRequest, (await visitor.Client.GetAsync("/")).StatusCode);

        // The TLS proxy (127.0.0.1, trusted by the test app) says the visitor came over https.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        request.Headers.Host = "workshops.example.com";
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        using var response = await visitor.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("Strict-Transport-Security"));
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("10.255.0.1")] // a proxy somewhere else: loopback clients are not it
    [InlineData("")] // no proxy configured (the default): nobody's forwarded headers count
    public async Task Forwarded_headers_from_an_untrusted_client_are_ignored(string trustedProxy)
    {
        await using var app = await TestApp.StartAsync(fixture.Database, environment: "Production", settings: new Dictionary<string, string?>
        {
            ["Antonio:PublicUrl"] = PublicUrl, ["Antonio:Payments:Provider"] = "none", ["Antonio:Network:TrustedProxies:0"] = trustedProxy,
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        request.Headers.Host = "workshops.example.com";
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var response = await app.Client.SendAsync(request);
        // The request was plain http, whatever it claims: it is sent to the https public URL, with no page and no cookie.
        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
        Assert.Equal(PublicUrl + "/account/login", response.Headers.Location!.OriginalString);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task The_country_header_counts_only_from_a_trusted_proxy()
    {
        var workshop = $"/workshops/{DemoCatalogue.WorkshopSlug(0)}";
        var india = new Dictionary<string, string> { ["CF-IPCountry"] = "IN" };
        await using (var trusted = await TestApp.StartAsync(fixture.Database))
            Assert.Contains("India", (await trusted.GetAsync(workshop, india)).Body);
        await using var untrusted = await TestApp.StartAsync(fixture.Database, settings: new Dictionary<string, string?> { ["Antonio:Network:TrustedProxies:0"] = "" });
        var page = await untrusted.GetAsync(workshop, india);
        Assert.Equal(200, page.Status);
        Assert.DoesNotContain("India", page.Body);
        Assert.DoesNotContain("Regional price", page.Body);
    }

    [Fact]
    public async Task In_production_the_key_ring_is_encrypted_at_rest()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var app = await TestApp.StartAsync(db, environment: "Production",
            settings: new Dictionary<string, string?> { ["Antonio:PublicUrl"] = PublicUrl, ["Antonio:Payments:Provider"] = "none" });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        request.Headers.Host = "workshops.example.com";
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var response = await app.Client.SendAsync(request); // a form token: the first key is made
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var xml = await db.ScalarAsync<string>("SELECT xml FROM data_protection_keys LIMIT 1");
        Assert.Contains("encryptedSecret", xml);
        Assert.DoesNotContain("unencrypted form", xml);
    }
}
