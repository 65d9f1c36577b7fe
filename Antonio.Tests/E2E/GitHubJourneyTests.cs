using System.Text.RegularExpressions;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Antonio.Tests.E2E;

/// <summary>
/// A developer signs up with GitHub (the local stand-in) in a real browser, confirms by e-mail, lands where they were going,
/// meets the paywall like any account without a purchase, signs out, and is signed in by GitHub at once the next time.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Journey")]
public sealed partial class GitHubJourneyTests(BrowserFixture browser) : OwnDatabaseJourney
{
    [GeneratedRegex("/dashboard$")]
    private static partial Regex Dashboard();

    private static async Task ContinueWithGitHubAsync(IPage page, string login, string email)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue with GitHub" }).ClickAsync();
        await Assertions.Expect(page.Locator(".test-mode-banner")).ToContainTextAsync("stands in for GitHub");
        await page.GetByLabel("GitHub login").FillAsync(login);
        await page.GetByLabel("Primary e-mail address").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Authorize" }).ClickAsync();
    }

    [Fact]
    public async Task A_developer_signs_up_with_GitHub_and_signs_in_with_it_again()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = App.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var watch = new PageWatch(page);
        var workshop = $"/workshops/{DemoCatalogue.WorkshopSlug(0)}";
        var login = "octo-" + Guid.NewGuid().ToString("N")[..8];
        var email = $"{login}@example.com";

        await page.GotoAsync($"/account/login?returnUrl={Uri.EscapeDataString(workshop)}");
        await ContinueWithGitHubAsync(page, login, email);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Continue with GitHub");
        await Assertions.Expect(page.Locator("section.auth")).ToContainTextAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "E-mail me the link" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Check your e-mail");

        await page.GotoAsync(TestSmtpServer.LinkIn(await App.Mail.WaitForAsync(email)).PathAndQuery);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm and sign in" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(workshop) + "$"), new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();

        // A GitHub-only account has bought nothing: the paid lessons stay behind the paywall.
        await page.Locator("nav.module-nav li a").Nth(4).ClickAsync();
        await Assertions.Expect(page.Locator(".paywall")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("article.lesson video")).ToHaveCountAsync(0);

        await page.GotoAsync("/account");
        await Assertions.Expect(page.Locator("ul.sign-in-methods")).ToContainTextAsync(login);
        await page.ScreenshotAsync(new() { Path = Shot("40-github-connected"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out everywhere" }).ClickAsync();

        // Next time GitHub alone signs the account in.
        await page.GotoAsync("/account/login");
        await ContinueWithGitHubAsync(page, login, email);
        await Assertions.Expect(page).ToHaveURLAsync(Dashboard(), new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        watch.AssertClean();
    }
}
