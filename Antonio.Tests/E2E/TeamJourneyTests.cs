using System.Text.RegularExpressions;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Antonio.Tests.E2E;

/// <summary>A team buyer invites a colleague by e-mail; the colleague follows the link, signs up, accepts and reads a lesson.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Journey")]
public sealed class TeamJourneyTests(BrowserFixture browser) : OwnDatabaseJourney
{
    [Fact]
    public async Task Invite_by_email_sign_up_from_the_link_and_the_lesson_opens()
    {
        var colleague = $"colleague-{Guid.NewGuid():N}@example.test";
        await using (var buyerContext = await NewContextAsync())
        {
            var page = await buyerContext.NewPageAsync();
            var watch = new PageWatch(page);
            await page.GotoAsync("/account/login?returnUrl=%2Fteam");
            await page.GetByLabel("Email").FillAsync(DemoAccounts.TeamBuyer);
            await page.GetByLabel("Password").FillAsync(DemoAccounts.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Your team");
            await page.GetByLabel(new Regex("^Invite by e-mail")).FillAsync(colleague);
            await page.GetByRole(AriaRole.Button, new() { Name = "Send invitations" }).ClickAsync();
            await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("Invitations sent");
            await Assertions.Expect(page.Locator(".team-list li", new() { HasText = colleague })).ToContainTextAsync("invited");
            await page.ScreenshotAsync(new() { Path = Shot("30-team-invited"), FullPage = true });
            watch.AssertClean();
        }

        var invitation = TestSmtpServer.LinkIn(await App.Mail.WaitForAsync(colleague));
        await using var context = await NewContextAsync();
        var colleaguePage = await context.NewPageAsync();
        var colleagueWatch = new PageWatch(colleaguePage);
        await colleaguePage.GotoAsync(invitation.PathAndQuery);
        await Assertions.Expect(colleaguePage.Locator("h1")).ToHaveTextAsync("Join your team");
        await colleaguePage.GetByRole(AriaRole.Link, new() { Name = "Create an account" }).ClickAsync();
        await Assertions.Expect(colleaguePage.Locator("h1")).ToHaveTextAsync("Create an account");
        await colleaguePage.GetByLabel("Email").FillAsync(colleague);
        await colleaguePage.GetByLabel("Password", new() { Exact = true }).FillAsync("colleague-password");
        await colleaguePage.GetByLabel("Confirm password").FillAsync("colleague-password");
        await colleaguePage.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(colleaguePage.Locator("h1")).ToHaveTextAsync("Check your e-mail");
        var confirm = TestSmtpServer.LinkIn(await App.Mail.WaitForAsync(colleague, m => m.Subject?.Contains("Confirm your Antonio Workshops account") == true));
        await colleaguePage.GotoAsync(confirm.PathAndQuery);
        await colleaguePage.GetByRole(AriaRole.Button, new() { Name = "Confirm and sign in" }).ClickAsync();
        // Back at the invitation, signed in now.
        await Assertions.Expect(colleaguePage.GetByRole(AriaRole.Button, new() { Name = "Accept and start learning" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await colleaguePage.GetByRole(AriaRole.Button, new() { Name = "Accept and start learning" }).ClickAsync();
        await Assertions.Expect(colleaguePage).ToHaveURLAsync(new Regex("/dashboard$"), new() { Timeout = 30_000 });
        var card = colleaguePage.Locator($"#workshop-{DemoCatalogue.WorkshopSlug(DemoCatalogue.AdvancedFirst)}");
        await card.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Start") }).ClickAsync();
        await Assertions.Expect(colleaguePage.Locator("article.lesson")).ToBeVisibleAsync();
        await Assertions.Expect(colleaguePage.Locator(".paywall")).ToHaveCountAsync(0);
        await colleaguePage.ScreenshotAsync(new() { Path = Shot("31-team-colleague-lesson"), FullPage = true });
        colleagueWatch.AssertClean();
    }

    private Task<IBrowserContext> NewContextAsync() =>
        browser.Browser.NewContextAsync(new() { BaseURL = App.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
}
