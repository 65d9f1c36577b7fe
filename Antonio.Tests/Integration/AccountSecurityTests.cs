using System.Net;
using Antonio.Data.Commerce;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Access.Account;
using Antonio.Web.Learning;
using Microsoft.Extensions.DependencyInjection;

namespace Antonio.Tests.Integration;

/// <summary>Sign-in, sign-up, magic links, lockout, antiforgery, open redirects, progress ownership.</summary>
[Trait("Category", "Integration")]
public sealed class AccountSecurityTests(WritableDatabaseFixture fixture) : IClassFixture<WritableDatabaseFixture>, IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(fixture.Database);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static bool IsSignedIn(string html) => html.Contains("Sign out");

    [Fact]
    public async Task Demo_accounts_sign_in_and_out()
    {
        using var user = await WebUser.SignedInAsync(_app, DemoAccounts.Buyer);
        Assert.True(IsSignedIn((await user.GetAsync("/")).Body));
        var home = await user.GetAsync("/");
        var token = WebUser.AntiforgeryToken(home.Body)!;
        var response = await user.Client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(IsSignedIn((await user.GetAsync("/")).Body));
    }

    [Fact]
    public async Task Wrong_password_is_refused_with_a_message()
    {
        using var user = new WebUser(_app);
        var response = await user.SubmitFormAsync("/account/login", "login", new() { ["Input.Email"] = DemoAccounts.Nobody, ["Input.Password"] = "wrong-password" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("don&#x27;t match an account", await response.Content.ReadAsStringAsync());
    }

    /// <summary>Follows a confirmation (or sign-in) link from an e-mail: open it, press its one button.</summary>
    private static async Task<HttpResponseMessage> FollowAsync(WebUser user, Uri link, string handler) =>
        await user.SubmitFormAsync(link.PathAndQuery, handler, new() { ["Input.Token"] = Uri.UnescapeDataString(link.Query.Split("token=")[1].Split('&')[0]) });

    [Fact]
    public async Task Sign_up_is_confirmed_by_e_mail_then_signs_in_and_locks_out_after_five_failures()
    {
        var email = $"new-{Guid.NewGuid():N}@example.com";
        using var user = new WebUser(_app);
        var asked = await user.SubmitFormAsync("/account/register", "register", new()
        {
            ["Input.Email"] = email, ["Input.Password"] = "a-long-password", ["Input.ConfirmPassword"] = "a-long-password",
        });
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("Check your e-mail", await asked.Content.ReadAsStringAsync());
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM users WHERE normalized_email = '{email.ToUpperInvariant()}'"));

        var mail = await _app.Mail.WaitForAsync(email);
        Assert.Contains("Confirm your", mail.Subject);
        var link = TestSmtpServer.LinkIn(mail);
        Assert.False(IsSignedIn((await user.GetAsync(link.PathAndQuery)).Body), "opening the link alone creates nothing (mail scanners prefetch links)");
        var confirmed = await FollowAsync(user, link, "confirm-sign-up");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.True(IsSignedIn((await user.GetAsync("/")).Body));
        using (var again = new WebUser(_app))
            Assert.Contains("already has an account", await (await FollowAsync(again, link, "confirm-sign-up")).Content.ReadAsStringAsync());

        using var attacker = new WebUser(_app);
        for (var i = 0; i < 5; i++)
            await attacker.SubmitFormAsync("/account/login", "login", new() { ["Input.Email"] = email, ["Input.Password"] = "guess-" + i });
        var locked = await attacker.SubmitFormAsync("/account/login", "login", new() { ["Input.Email"] = email, ["Input.Password"] = "a-long-password" });
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("locked for 15 minutes", await locked.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Sign_up_rejects_a_short_password_and_a_taken_email()
    {
        using var user = new WebUser(_app);
        var shortPassword = await user.SubmitFormAsync("/account/register", "register", new()
        {
            ["Input.Email"] = $"x-{Guid.NewGuid():N}@example.com", ["Input.Password"] = "short", ["Input.ConfirmPassword"] = "short",
        });
        Assert.Contains("at least 8 characters", await shortPassword.Content.ReadAsStringAsync());
        // A taken address answers exactly like a new one; the e-mail tells its owner they already have an account.
        var taken = await user.SubmitFormAsync("/account/register", "register", new()
        {
            ["Input.Email"] = DemoAccounts.Buyer, ["Input.Password"] = "a-long-password", ["Input.ConfirmPassword"] = "a-long-password",
        });
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        Assert.Contains("Check your e-mail", await taken.Content.ReadAsStringAsync());
        Assert.DoesNotContain("taken", await taken.Content.ReadAsStringAsync());
        Assert.Contains("already has one", (await _app.Mail.WaitForAsync(DemoAccounts.Buyer, m => m.Subject?.Contains("already have") == true)).TextBody);
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example/phish")]
    [InlineData("javascript:alert(1)")]
    [InlineData("http:/evil.example")]
    public async Task Sign_in_refuses_to_redirect_off_site(string returnUrl)
    {
        using var user = new WebUser(_app);
        var response = await user.SubmitFormAsync($"/account/login?returnUrl={Uri.EscapeDataString(returnUrl)}", "login",
            new() { ["Input.Email"] = DemoAccounts.Nobody, ["Input.Password"] = DemoAccounts.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/dashboard", response.Headers.Location!.OriginalString.Replace(_app.BaseAddress.ToString(), "/"));
    }

    [Fact]
    public async Task Sign_in_returns_to_a_page_of_this_site()
    {
        using var user = new WebUser(_app);
        var response = await user.SubmitFormAsync("/account/login?returnUrl=%2Fworkshops%3Fpage%3D2", "login",
            new() { ["Input.Email"] = DemoAccounts.Nobody, ["Input.Password"] = DemoAccounts.Password });
        Assert.EndsWith("/workshops?page=2", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Forged_posts_without_an_antiforgery_token_get_400()
    {
        using var user = new WebUser(_app);
        var login = await user.SubmitFormAsync("/account/login", "login",
            new() { ["Input.Email"] = DemoAccounts.Nobody, ["Input.Password"] = DemoAccounts.Password }, includeToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);

        using var buyer = await WebUser.SignedInAsync(_app, DemoAccounts.Buyer);
        var logout = await buyer.Client.PostAsync("/account/logout", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, logout.StatusCode);

        var workshop = await SeededData.WorkshopAsync(fixture.Database, 0);
        var lesson = $"/workshops/{workshop.Slug}/{new LessonNavigator(workshop).Lessons[2].Lesson.Slug}";
        var progress = await buyer.SubmitFormAsync(lesson, "lesson-progress", new() { ["Input.Complete"] = "true" }, includeToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, progress.StatusCode);
    }

    [Fact]
    public async Task Magic_link_signs_in_once()
    {
        using var requester = new WebUser(_app);
        await requester.SubmitFormAsync("/account/magic-link?returnUrl=%2Fworkshops", "magic-link", new() { ["Input.Email"] = DemoAccounts.Nobody });
        await requester.SubmitFormAsync("/account/magic-link", "magic-link", new() { ["Input.Email"] = "no-such-user@example.com" });
        var link = TestSmtpServer.LinkIn(await _app.Mail.WaitForAsync(DemoAccounts.Nobody));
        // The unknown address's request was queued all the same, and dropped in the background: nothing was sent.
        await fixture.Database.WaitForAsync("SELECT count(*) FROM email_outbox WHERE recipient = 'no-such-user@example.com' AND status = 'dropped'", 1L);
        Assert.Empty(_app.Mail.To("no-such-user@example.com"));

        using var reader = new WebUser(_app);
        var page = await reader.GetAsync(link.PathAndQuery);
        Assert.False(IsSignedIn(page.Body), "opening the link alone does not sign in (mail scanners prefetch links)");
        var used = await reader.SubmitFormAsync(link.PathAndQuery, "magic-sign-in", new() { ["Input.Token"] = Uri.UnescapeDataString(link.Query.Split("token=")[1].Split('&')[0]) });
        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        Assert.EndsWith("/workshops", used.Headers.Location!.OriginalString);
        Assert.True(IsSignedIn((await reader.GetAsync("/")).Body));

        using var replay = new WebUser(_app);
        var again = await replay.SubmitFormAsync(link.PathAndQuery, "magic-sign-in", new() { ["Input.Token"] = Uri.UnescapeDataString(link.Query.Split("token=")[1].Split('&')[0]) });
        Assert.Contains("expired or was already used", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Completing_a_lesson_shows_in_progress_and_cannot_touch_another_users_progress()
    {
        var workshop = await SeededData.WorkshopAsync(fixture.Database, 1);
        var lesson = new LessonNavigator(workshop).Lessons[2].Lesson;
        var path = $"/workshops/{workshop.Slug}/{lesson.Slug}";
        var bundleBuyer = await fixture.Database.ScalarAsync<Guid>($"SELECT id FROM users WHERE email = '{DemoAccounts.BundleBuyer}'");

        using var buyer = await WebUser.SignedInAsync(_app, DemoAccounts.Buyer);
        // Extra fields naming someone else are ignored: the user is the signed-in one, always.
        var done = await buyer.SubmitFormAsync(path, "lesson-progress",
            new() { ["Input.Complete"] = "true", ["UserId"] = bundleBuyer.ToString(), ["Input.UserId"] = bundleBuyer.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM resource_progress WHERE user_id = '{bundleBuyer}'"));
        Assert.Contains("mark as not done", (await buyer.GetAsync(path)).Body);
        var overview = await buyer.GetAsync($"/workshops/{workshop.Slug}");
        Assert.Contains("<strong>1 of ", overview.Body);

        var undone = await buyer.SubmitFormAsync(path, "lesson-progress", new() { ["Input.Complete"] = "false" });
        Assert.Equal(HttpStatusCode.Redirect, undone.StatusCode);
        Assert.Contains("Mark lesson complete", (await buyer.GetAsync(path)).Body);
        Assert.Contains("<strong>0 of ", (await buyer.GetAsync($"/workshops/{workshop.Slug}")).Body);
    }

    [Fact]
    public async Task A_learner_who_cannot_view_the_lesson_gets_no_completion_form()
    {
        var workshop = await SeededData.WorkshopAsync(fixture.Database, 1);
        var lesson = new LessonNavigator(workshop).Lessons[2].Lesson;
        using var nobody = await WebUser.SignedInAsync(_app, DemoAccounts.Nobody);
        var page = await nobody.GetAsync($"/workshops/{workshop.Slug}/{lesson.Slug}");
        Assert.DoesNotContain("Mark lesson complete", page.Body);
        // A hand-made post (with a valid token from the page's sign-out form) finds no form to handle it.
        var post = await nobody.Client.PostAsync($"/workshops/{workshop.Slug}/{lesson.Slug}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "lesson-progress", ["Input.Complete"] = "true", ["__RequestVerificationToken"] = WebUser.AntiforgeryToken(page.Body)!,
        }));
        Assert.NotEqual(HttpStatusCode.Redirect, post.StatusCode);
        var userId = await fixture.Database.ScalarAsync<Guid>($"SELECT id FROM users WHERE email = '{DemoAccounts.Nobody}'");
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM resource_progress WHERE user_id = '{userId}'"));
    }
}
