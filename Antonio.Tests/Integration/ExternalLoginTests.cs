using System.Net;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Access.ExternalLogins;
using Microsoft.AspNetCore.WebUtilities;
using static Antonio.Tests.Infrastructure.ExternalSignIn;

namespace Antonio.Tests.Integration;

/// <summary>
/// "Continue with GitHub" end to end against the app's local stand-in for GitHub (LocalGitHub): the framework's OAuth
/// handler, state and PKCE, the code exchange over HTTP, the profile reads — and what an attacker would try: a forged or
/// replayed state or code, a callback finished in another browser, an address GitHub did not verify, an address that
/// belongs to someone else's account, a forged Host header.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ExternalLoginTests(WritableDatabaseFixture fixture) : IClassFixture<WritableDatabaseFixture>, IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(fixture.Database);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static bool IsSignedIn(string html) => html.Contains("Sign out");

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    private static Task<Uri> StartAsync(WebUser user, string? returnUrl = null, IDictionary<string, string>? headers = null) =>
        ExternalSignIn.StartAsync(user, GitHubProfile.Scheme, returnUrl, headers);

    /// <summary>At (local) GitHub: who you are; returns the callback URL GitHub sends the browser back to.</summary>
    private static async Task<Uri> AuthorizeAsync(WebUser user, Uri authorize, string login, string email, bool verified = true)
    {
        var fields = new Dictionary<string, string> { ["Input.Login"] = login, ["Input.Name"] = "Octo " + login, ["Input.Email"] = email };
        if (verified) fields["Input.Verified"] = "true";
        using var response = await user.SubmitFormAsync(authorize.PathAndQuery, "local-github", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!;
    }

    /// <summary>The whole round trip up to the return page: its status and body, or where it redirected, and the page's address.</summary>
    private static async Task<(int Status, string Body, string? Location, string Page)> GitHubAsync(WebUser user, string login, string email, bool verified = true, string? returnUrl = null)
    {
        var returnPage = await CallbackAsync(user, await AuthorizeAsync(user, await StartAsync(user, returnUrl), login, email, verified));
        var (status, body, location) = await ReturnPageAsync(user, returnPage);
        return (status, body, location, returnPage);
    }

    private Task<long> LoginsOfAsync(string email) =>
        fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM user_logins l JOIN users u ON u.id = l.user_id WHERE u.normalized_email = '{email.ToUpperInvariant()}'");

    [Fact]
    public async Task A_learner_signs_up_with_GitHub_confirmed_by_e_mail_then_signs_in_with_it()
    {
        var email = $"{Unique("gh")}@example.com";
        var login = Unique("octo");
        using var user = new WebUser(_app);
        var (status, body, _, returnPage) = await GitHubAsync(user, login, email, returnUrl: "/workshops");
        Assert.Equal(200, status);
        Assert.Contains(email, body);
        Assert.False(IsSignedIn(body));
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM users WHERE normalized_email = '{email.ToUpperInvariant()}'"));

        Assert.Contains("Check your e-mail", await ContinueAsync(user, returnPage));
        var mail = await _app.Mail.WaitForAsync(email);
        Assert.Contains("Confirm your", mail.Subject);
        var link = TestSmtpServer.LinkIn(mail);
        Assert.StartsWith(_app.BaseAddress.ToString(), link.ToString(), StringComparison.Ordinal);
        Assert.False(IsSignedIn((await user.GetAsync(link.PathAndQuery)).Body), "opening the link alone does nothing (mail scanners prefetch links)");

        using var confirmed = await FollowAsync(user, link, "confirm-external-login");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal("/workshops", PathOf(confirmed.Headers.Location));
        Assert.True(IsSignedIn((await user.GetAsync("/")).Body));
        Assert.Equal(1L, await LoginsOfAsync(email));
        Assert.True(await fixture.Database.ScalarAsync<bool>($"SELECT email_confirmed AND password_hash IS NULL FROM users WHERE normalized_email = '{email.ToUpperInvariant()}'"),
            "a GitHub-only account: confirmed by its inbox, without a password");

        // The link works once: a second use signs nobody in.
        using (var again = new WebUser(_app))
        {
            using var reused = await FollowAsync(again, link, "confirm-external-login");
            Assert.Contains("was used already", await reused.Content.ReadAsStringAsync());
            Assert.False(IsSignedIn((await again.GetAsync("/")).Body));
        }

        // From now on GitHub signs the account in at once, on any browser.
        using var elsewhere = new WebUser(_app);
        var (_, _, location, _) = await GitHubAsync(elsewhere, login, email);
        Assert.Equal("/dashboard", location);
        Assert.True(IsSignedIn((await elsewhere.GetAsync("/")).Body));
    }

    [Fact]
    public async Task An_address_that_has_an_account_is_connected_only_through_that_inbox()
    {
        // An attacker's GitHub account claiming the buyer's address (a provider that lets anyone "verify" anything).
        var attackerLogin = Unique("attacker");
        using var attacker = new WebUser(_app);
        var (status, body, _, returnPage) = await GitHubAsync(attacker, attackerLogin, DemoAccounts.Buyer);
        Assert.Equal(200, status);
        Assert.False(IsSignedIn(body));
        Assert.Contains("Check your e-mail", await ContinueAsync(attacker, returnPage));
        Assert.False(IsSignedIn((await attacker.GetAsync("/")).Body));
        Assert.Equal(0L, await LoginsOfAsync(DemoAccounts.Buyer));

        // The mail went to the buyer, who alone can connect it — and it says what is being connected.
        var mail = await _app.Mail.WaitForAsync(DemoAccounts.Buyer, m => m.Subject?.Contains("Connect GitHub", StringComparison.Ordinal) == true);
        Assert.Contains(attackerLogin, mail.TextBody ?? "");
        Assert.Contains("If it wasn't you, ignore this e-mail", mail.TextBody ?? "");
    }

    [Fact]
    public async Task The_owner_of_an_account_connects_GitHub_by_following_the_e_mailed_link()
    {
        var email = $"{Unique("owner")}@example.com";
        using (var owner = new WebUser(_app))
        {
            await owner.SubmitFormAsync("/account/register", "register", new() { ["Input.Email"] = email, ["Input.Password"] = "a-long-password", ["Input.ConfirmPassword"] = "a-long-password" });
            await FollowAsync(owner, TestSmtpServer.LinkIn(await _app.Mail.WaitForAsync(email)), "confirm-sign-up");
        }
        var login = Unique("owner");
        using var user = new WebUser(_app);
        await ContinueAsync(user, (await GitHubAsync(user, login, email)).Page);
        var mail = await _app.Mail.WaitForAsync(email, m => m.Subject?.Contains("Connect GitHub", StringComparison.Ordinal) == true);
        using var confirmed = await FollowAsync(user, TestSmtpServer.LinkIn(mail), "confirm-external-login");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Contains(email, (await user.GetAsync("/account")).Body);
        Assert.Equal(1L, await LoginsOfAsync(email));
        Assert.Equal(1L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM users WHERE normalized_email = '{email.ToUpperInvariant()}' AND password_hash IS NOT NULL"));
    }

    [Fact]
    public async Task An_address_GitHub_did_not_verify_is_refused_and_nothing_is_sent()
    {
        var email = $"{Unique("unverified")}@example.com";
        using var user = new WebUser(_app);
        var (status, body, _, _) = await GitHubAsync(user, Unique("unverified"), email, verified: false);
        Assert.Equal(403, status);
        Assert.Contains("isn&#x27;t verified", body);
        // The external sign-in is over: posting the form anyway queues nothing.
        using (var forced = await user.Client.PostAsync(ExternalLoginSetup.ReturnPath, new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "external-continue" }))) { }
        await Task.Delay(500);
        Assert.Empty(_app.Mail.To(email));
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM email_outbox WHERE recipient = '{email}'"));
    }

    [Fact]
    public async Task A_forged_replayed_or_foreign_callback_ends_on_a_page_that_says_so()
    {
        using var user = new WebUser(_app);
        var callback = await AuthorizeAsync(user, await StartAsync(user), Unique("victim"), $"{Unique("victim")}@example.com");
        var query = QueryHelpers.ParseQuery(callback.Query);
        string With(string name, string value) => QueryHelpers.AddQueryString(callback.AbsolutePath,
            query.ToDictionary(q => q.Key, q => (string?)(q.Key == name ? value : q.Value.ToString())));

        // Someone else's browser finishing this sign-in (login CSRF): its correlation cookie is not there.
        using (var other = new WebUser(_app))
        using (var foreign = await other.Client.GetAsync(callback.PathAndQuery))
            Assert.Equal("/account/login?external=failed", foreign.Headers.Location!.OriginalString);
        // A state that was tampered with, and a code that was.
        using (var state = await user.Client.GetAsync(With("state", query["state"].ToString()[..^4] + "AAAA")))
            Assert.Equal("/account/login?external=failed", state.Headers.Location!.OriginalString);
        using (var code = await user.Client.GetAsync(With("code", "forged-code")))
            Assert.Equal("/account/login?external=failed", code.Headers.Location!.OriginalString);

        // The real callback still works once (the tampered ones above did not spend it)…
        var fresh = await AuthorizeAsync(user, await StartAsync(user), Unique("victim"), $"{Unique("victim")}@example.com");
        using (var ok = await user.Client.GetAsync(fresh.PathAndQuery))
            Assert.Equal(ExternalLoginSetup.ReturnPath, ok.Headers.Location!.OriginalString);
        // …and not twice: the correlation cookie is spent, and so is the code.
        using (var replay = await user.Client.GetAsync(fresh.PathAndQuery))
            Assert.Equal("/account/login?external=failed", replay.Headers.Location!.OriginalString);

        // "Cancel" at GitHub.
        var authorize = await StartAsync(user);
        var cancel = LocalGitHub.RedirectDenied(QueryHelpers.ParseQuery(authorize.Query)["redirect_uri"]!, QueryHelpers.ParseQuery(authorize.Query)["state"]);
        using (var cancelled = await user.Client.GetAsync(new Uri(cancel).PathAndQuery))
            Assert.Equal("/account/login?external=cancelled", cancelled.Headers.Location!.OriginalString);
        var page = await user.GetAsync("/account/login?external=cancelled");
        Assert.Contains("was cancelled", page.Body);

        // The return page opened on its own, with nothing to finish.
        using var stranger = new WebUser(_app);
        Assert.Equal(400, (await stranger.GetAsync(ExternalLoginSetup.ReturnPath)).Status);
    }

    [Fact]
    public async Task Hostile_values_in_the_callback_end_on_the_failure_page_never_a_5xx()
    {
        using var user = new WebUser(_app);
        var state = QueryHelpers.ParseQuery((await StartAsync(user)).Query)["state"].ToString();
        foreach (var value in HostileInput.Values)
        {
            var escaped = Uri.EscapeDataString(value);
            foreach (var query in new[] { $"code={escaped}&state={escaped}", $"code={escaped}&state={Uri.EscapeDataString(state)}", $"error={escaped}&state={Uri.EscapeDataString(state)}" })
            {
                using var response = await user.Client.GetAsync($"{ExternalLoginSetup.GitHubCallbackPath}?{query}");
                // The request guard refuses some values before the handler sees them (a 400); the handler sends the rest to the failure page.
                Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.BadRequest, $"{query}: {(int)response.StatusCode}");
                if (response.StatusCode == HttpStatusCode.Redirect)
                    Assert.StartsWith("/account/login?external=", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
                HostileInput.AssertNoLeak(await response.Content.ReadAsStringAsync(), query);
            }
        }
        // And the local GitHub's API, asked with a made-up token.
        foreach (var value in HostileInput.Values.Take(10))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, LocalGitHub.UserPath);
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + value);
            using var response = await user.Client.SendAsync(request);
            Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest, $"{value}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task GitHub_is_sent_back_to_the_public_url_whatever_Host_the_request_named()
    {
        using var user = new WebUser(_app);
        var authorize = await StartAsync(user, headers: new Dictionary<string, string> { ["Host"] = "evil.example" });
        var redirect = QueryHelpers.ParseQuery(authorize.Query)["redirect_uri"].ToString();
        Assert.Equal(new Uri(_app.BaseAddress, ExternalLoginSetup.GitHubCallbackPath).ToString(), redirect);
        Assert.Equal("S256", QueryHelpers.ParseQuery(authorize.Query)["code_challenge_method"].ToString());

        // (Local) GitHub gives no code for any other callback.
        var elsewhere = QueryHelpers.AddQueryString(authorize.AbsolutePath, QueryHelpers.ParseQuery(authorize.Query)
            .ToDictionary(q => q.Key, q => (string?)(q.Key == "redirect_uri" ? "https://evil.example/signin-github" : q.Value.ToString())));
        var refused = await user.GetAsync(elsewhere);
        Assert.Contains("not the one this OAuth app registered", refused.Body);
        Assert.DoesNotContain("name=\"_handler\" value=\"local-github\"", refused.Body);
    }

    [Fact]
    public async Task A_signed_in_learner_connects_GitHub_after_the_password_and_disconnecting_it_ends_its_sessions()
    {
        var email = DemoAccounts.Reviewer;
        using var learner = await WebUser.SignedInAsync(_app, email);
        var login = Unique("connect");

        using (var wrong = await learner.SubmitFormAsync("/account", "connect-login", new() { ["Connect.Provider"] = "GitHub", ["Connect.Password"] = "not-it" }))
        {
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("current password is not right", await wrong.Content.ReadAsStringAsync());
        }
        using var ticketed = await learner.SubmitFormAsync("/account", "connect-login", new() { ["Connect.Provider"] = "GitHub", ["Connect.Password"] = DemoAccounts.Password });
        Assert.Equal(HttpStatusCode.Redirect, ticketed.StatusCode);
        var connectUrl = ticketed.Headers.Location!;
        Assert.StartsWith(ExternalLoginSetup.ConnectPath, PathOf(connectUrl), StringComparison.Ordinal);

        // The ticket is this learner's: in another account's browser it starts nothing.
        using (var someoneElse = await WebUser.SignedInAsync(_app, DemoAccounts.Contributor))
        using (var stolen = await someoneElse.Client.GetAsync(connectUrl))
            Assert.Equal("/account?external=failed", PathOf(stolen.Headers.Location));

        using var challenge = await learner.Client.GetAsync(connectUrl);
        var callback = await AuthorizeAsync(learner, challenge.Headers.Location!, login, "someone-else@example.com");
        var (_, _, arrived) = await ReturnPageAsync(learner, await CallbackAsync(learner, callback));
        Assert.Equal("/account?done=connected", arrived);
        var account = await learner.GetAsync("/account");
        Assert.Contains(login, account.Body);
        Assert.Equal(1L, await LoginsOfAsync(email));

        // Connected: GitHub signs this account in, whatever address GitHub has.
        using var viaGitHub = new WebUser(_app);
        var (_, _, location, _) = await GitHubAsync(viaGitHub, login, "someone-else@example.com");
        Assert.Equal("/dashboard", location);
        Assert.Contains(email, (await viaGitHub.GetAsync("/account")).Body);

        // Disconnected: that session ends, this one goes on, and GitHub no longer signs in.
        var key = LocalGitHub.IdFor(login).ToString(System.Globalization.CultureInfo.InvariantCulture);
        using (var disconnected = await learner.SubmitFormAsync("/account", "disconnect-login", new() { ["Disconnect.Login"] = "GitHub|" + key }))
            Assert.Equal("/account?done=disconnected", PathOf(disconnected.Headers.Location));
        Assert.Equal(0L, await LoginsOfAsync(email));
        Assert.True(IsSignedIn((await learner.GetAsync("/")).Body));
        Assert.False(IsSignedIn((await viaGitHub.GetAsync("/")).Body));
    }

    [Fact]
    public async Task A_GitHub_account_connected_to_one_account_cannot_be_connected_to_another()
    {
        var login = Unique("taken");
        var first = $"{Unique("first")}@example.com";
        using (var owner = new WebUser(_app))
        {
            await ContinueAsync(owner, (await GitHubAsync(owner, login, first)).Page);
            using (await FollowAsync(owner, TestSmtpServer.LinkIn(await _app.Mail.WaitForAsync(first)), "confirm-external-login")) { }
        }
        using var other = await WebUser.SignedInAsync(_app, DemoAccounts.BundleBuyer);
        using var ticketed = await other.SubmitFormAsync("/account", "connect-login", new() { ["Connect.Provider"] = "GitHub", ["Connect.Password"] = DemoAccounts.Password });
        using var challenge = await other.Client.GetAsync(ticketed.Headers.Location!);
        var callback = await AuthorizeAsync(other, challenge.Headers.Location!, login, first);
        var (status, body, _) = await ReturnPageAsync(other, await CallbackAsync(other, callback));
        Assert.Equal(403, status);
        Assert.Contains("connected to another account", body);
        Assert.Equal(0L, await LoginsOfAsync(DemoAccounts.BundleBuyer));
    }
}
