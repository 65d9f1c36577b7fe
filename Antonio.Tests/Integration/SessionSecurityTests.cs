using System.Net;
using Antonio.Data.Identity;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Admin;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Antonio.Tests.Integration;

/// <summary>
/// Issue #12.5 and #12.6: signing out (and password and role changes) end every session, checked on each
/// request through the cached snapshot; account forms are rate-limited per client and per address; no
/// answer tells whether an address has an account.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SessionSecurityTests(WritableDatabaseFixture fixture) : IClassFixture<WritableDatabaseFixture>
{
    private static bool IsSignedIn(string html) => html.Contains("Sign out");

    private static Task<HttpResponseMessage> SignOutAsync(WebUser user, string token) =>
        user.Client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

    [Fact]
    public async Task Signing_out_ends_the_session_everywhere_even_for_a_copied_cookie_and_costs_no_query_while_signed_in()
    {
        await using var app = await TestApp.StartAsync(fixture.Database);
        using var user = await WebUser.SignedInAsync(app, "learner00031@demo.antonio.dev");
        using var thief = user.Copy();
        var workshop = $"/workshops/{DemoCatalogue.WorkshopSlug(0)}";
        await thief.GetAsync(workshop);
        var warm = await thief.GetAsync(workshop);
        Assert.True(IsSignedIn(warm.Body));
        Assert.Equal(0, warm.Queries); // the stamp check reads the cached snapshot

        var home = await user.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, (await SignOutAsync(user, WebUser.AntiforgeryToken(home.Body)!)).StatusCode);
        Assert.False(IsSignedIn((await thief.GetAsync(workshop)).Body), "a copied cookie must not outlive sign-out");
        Assert.False(IsSignedIn((await user.GetAsync("/")).Body));
    }

    [Fact]
    public async Task Changing_the_password_ends_the_other_sessions_keeps_this_one_and_retires_the_old_password()
    {
        await using var app = await TestApp.StartAsync(fixture.Database);
        const string email = "learner00032@demo.antonio.dev";
        using var here = await WebUser.SignedInAsync(app, email);
        using var elsewhere = await WebUser.SignedInAsync(app, email);
        var changed = await here.SubmitFormAsync("/account", "change-password", new()
        {
            ["Input.CurrentPassword"] = DemoAccounts.Password, ["Input.NewPassword"] = "a-brand-new-password", ["Input.ConfirmPassword"] = "a-brand-new-password",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Contains("Your password was changed", (await here.GetAsync("/account?done=password")).Body);
        Assert.False(IsSignedIn((await elsewhere.GetAsync("/")).Body));
        await Assert.ThrowsAsync<InvalidOperationException>(() => WebUser.SignedInAsync(app, email));
        using var again = await WebUser.SignedInAsync(app, email, "a-brand-new-password");
        Assert.True(IsSignedIn((await again.GetAsync("/")).Body));
    }

    [Fact]
    public async Task A_wrong_current_password_changes_nothing()
    {
        await using var app = await TestApp.StartAsync(fixture.Database);
        using var user = await WebUser.SignedInAsync(app, "learner00033@demo.antonio.dev");
        var refused = await user.SubmitFormAsync("/account", "change-password", new()
        {
            ["Input.CurrentPassword"] = "not-it", ["Input.NewPassword"] = "a-brand-new-password", ["Input.ConfirmPassword"] = "a-brand-new-password",
        });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("current password is not right", await refused.Content.ReadAsStringAsync());
        Assert.True(IsSignedIn((await user.GetAsync("/")).Body));
        using var _ = await WebUser.SignedInAsync(app, "learner00033@demo.antonio.dev");
    }

    [Fact]
    public async Task The_account_page_is_for_signed_in_users()
    {
        await using var app = await TestApp.StartAsync(fixture.Database);
        var anonymous = await app.GetAsync("/account");
        Assert.Equal(302, anonymous.Status);
    }

    [Fact]
    public async Task Account_form_posts_are_limited_per_client_with_a_429_page_while_reading_stays_free()
    {
        await using var app = await TestApp.StartAsync(fixture.Database, settings: new Dictionary<string, string?> { ["Antonio:RateLimits:AccountPostsPerClientPerMinute"] = "3" });
        using var client = new WebUser(app);
        for (var i = 0; i < 3; i++)
        {
            var attempt = await client.SubmitFormAsync("/account/login", "login", new() { ["Input.Email"] = DemoAccounts.Nobody, ["Input.Password"] = "guess-" + i });
            Assert.Equal(HttpStatusCode.OK, attempt.StatusCode);
        }
        var limited = await client.SubmitFormAsync("/account/login", "login", new() { ["Input.Email"] = DemoAccounts.Nobody, ["Input.Password"] = "guess-4" });
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("Too many requests", await limited.Content.ReadAsStringAsync());
        Assert.Equal(200, (await client.GetAsync("/account/login")).Status);
        var link = await client.SubmitFormAsync("/account/magic-link", "magic-link", new() { ["Input.Email"] = DemoAccounts.Nobody });
        Assert.Equal(HttpStatusCode.TooManyRequests, link.StatusCode); // the limit covers all three forms together
    }

    [Fact]
    public async Task Sign_in_links_are_limited_per_address_whoever_asks()
    {
        await using var app = await TestApp.StartAsync(fixture.Database, settings: new Dictionary<string, string?> { ["Antonio:RateLimits:SignInLinksPerAddress"] = "2" });
        for (var i = 0; i < 2; i++)
        {
            using var asker = new WebUser(app);
            Assert.Equal(HttpStatusCode.OK, (await asker.SubmitFormAsync("/account/magic-link", "magic-link", new() { ["Input.Email"] = DemoAccounts.Disputed })).StatusCode);
        }
        using var third = new WebUser(app);
        var limited = await third.SubmitFormAsync("/account/magic-link", "magic-link", new() { ["Input.Email"] = DemoAccounts.Disputed });
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("Too many links", await limited.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await third.SubmitFormAsync("/account/magic-link", "magic-link", new() { ["Input.Email"] = DemoAccounts.ExpiredEntitlement })).StatusCode);
        await fixture.Database.WaitForAsync($"SELECT count(*) FROM email_outbox WHERE recipient = '{DemoAccounts.Disputed}' AND status = 'sent'", 2L);
        Assert.Equal(2, app.Mail.To(DemoAccounts.Disputed).Count);
    }

    [Fact]
    public async Task Known_and_unknown_addresses_get_the_same_answers_after_the_same_work()
    {
        var hasher = new CountingPasswordHasher();
        await using var app = await TestApp.StartAsync(fixture.Database, configure: b => b.Services.AddSingleton<IPasswordHasher<AppUser>>(hasher));
        var known = DemoAccounts.SubscriberStandard;
        var unknown = $"nobody-{Guid.NewGuid():N}@example.com";

        async Task<(string Answer, int Hashes)> SignInAsync(string email)
        {
            using var user = new WebUser(app);
            var before = hasher.Verifications;
            var response = await user.SubmitFormAsync("/account/login", "login", new() { ["Input.Email"] = email, ["Input.Password"] = "wrong-password" });
            return (Alert(await response.Content.ReadAsStringAsync()), hasher.Verifications - before);
        }
        var (knownAnswer, knownHashes) = await SignInAsync(known);
        var (unknownAnswer, unknownHashes) = await SignInAsync(unknown);
        Assert.Equal(knownAnswer, unknownAnswer);
        Assert.Equal(1, knownHashes);
        Assert.Equal(1, unknownHashes);

        async Task<(string Answer, int Hashes, long Rows)> SignUpAsync(string email)
        {
            using var user = new WebUser(app);
            var before = hasher.Hashes;
            var response = await user.SubmitFormAsync("/account/register", "register", new()
            {
                ["Input.Email"] = email, ["Input.Password"] = "a-long-password", ["Input.ConfirmPassword"] = "a-long-password",
            });
            var rows = await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM email_outbox WHERE recipient = '{email}' AND kind = 'registration'");
            return (Status(await response.Content.ReadAsStringAsync()).Replace(email, "…"), hasher.Hashes - before, rows);
        }
        var signUpKnown = await SignUpAsync(known);
        var signUpUnknown = await SignUpAsync(unknown);
        Assert.Equal(signUpKnown, signUpUnknown);
        Assert.Equal((1, 1L), (signUpKnown.Hashes, signUpKnown.Rows));

        async Task<(string Answer, long Rows)> LinkAsync(string email)
        {
            using var user = new WebUser(app);
            var response = await user.SubmitFormAsync("/account/magic-link", "magic-link", new() { ["Input.Email"] = email });
            var rows = await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM email_outbox WHERE recipient = '{email}' AND kind = 'sign-in-link'");
            return (Status(await response.Content.ReadAsStringAsync()), rows);
        }
        Assert.Equal(await LinkAsync(known), await LinkAsync(unknown));
    }

    [Fact]
    public async Task A_role_change_ends_the_users_sessions()
    {
        await using var app = await TestApp.StartAsync(fixture.Database);
        using var user = await WebUser.SignedInAsync(app, "learner00034@demo.antonio.dev");
        var userId = await fixture.Database.ScalarAsync<Guid>("SELECT id FROM users WHERE email = 'learner00034@demo.antonio.dev'");
        Assert.Equal(EditOutcome.Saved, await app.Service<UserAccessEditor>().SetRoleAsync(userId, SiteRoles.Reviewer, true, actorId: null));
        Assert.False(IsSignedIn((await user.GetAsync("/")).Body));
    }

    private static string Alert(string html) => System.Text.RegularExpressions.Regex.Match(html, "role=\"alert\">([^<]*)<").Groups[1].Value;
    private static string Status(string html) => System.Text.RegularExpressions.Regex.Match(html, "<h1>([^<]*)</h1>\\s*<p role=\"status\">(.*?)</p>", System.Text.RegularExpressions.RegexOptions.Singleline).Value;

    /// <summary>The real hasher, counted: which paths pay for a password hash.</summary>
    private sealed class CountingPasswordHasher : IPasswordHasher<AppUser>
    {
        private readonly PasswordHasher<AppUser> _inner = new();
        private int _hashes, _verifications;
        public int Hashes => _hashes;
        public int Verifications => _verifications;

        public string HashPassword(AppUser user, string password)
        {
            Interlocked.Increment(ref _hashes);
            return _inner.HashPassword(user, password);
        }

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
