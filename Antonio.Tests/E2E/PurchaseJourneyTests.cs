using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Antonio.Tests.E2E;

/// <summary>A new learner buys with the sale coupon, then buys five seats for a team, in a real browser.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Journey")]
public sealed class PurchaseJourneyTests(BrowserFixture browser) : OwnDatabaseJourney
{

    [Fact]
    public async Task Sign_up_buy_with_the_sale_then_buy_five_team_seats()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = App.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var watch = new PageWatch(page);
        var workshop = $"/workshops/{DemoCatalogue.WorkshopSlug(0)}";

        await page.GotoAsync(workshop);
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");
        await page.GetByRole(AriaRole.Link, new() { Name = "Create an account" }).ClickAsync();
        // Enhanced navigation patches the page in place: fill the form only once it is the sign-up form.
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Create an account");
        var email = $"journey-{Guid.NewGuid():N}@example.com";
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("journey-password");
        await page.GetByLabel("Confirm password").FillAsync("journey-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Check your e-mail");
        // The confirmation e-mail, through the app's outbox and a real SMTP server; its link finishes the sign-up.
        await page.GotoAsync(TestSmtpServer.LinkIn(await App.Mail.WaitForAsync(email)).PathAndQuery);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm and sign in" }).ClickAsync();
        // Enhanced navigation changes the URL without a load event: poll the URL instead of waiting for one.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(workshop) + "$"), new() { Timeout = 30_000 });

        var bundle = page.Locator("li.product", new() { HasText = "Complete Bundle" });
        await Assertions.Expect(bundle.Locator(".price-label")).ToHaveTextAsync("20% off");
        await Assertions.Expect(bundle.Locator(".price-final")).ToHaveTextAsync("$319.20");
        await bundle.GetByRole(AriaRole.Link, new() { Name = "Buy" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("Continue to payment") }).ClickAsync();
        await Assertions.Expect(page.Locator(".test-mode-banner")).ToContainTextAsync("TEST MODE");
        await page.ScreenshotAsync(new() { Path = Shot("08-local-checkout") });
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex(@"Pay \$319\.20") }).ClickAsync();
        await Assertions.Expect(page.Locator("table.data")).ToContainTextAsync("Complete Bundle");
        await Assertions.Expect(page.Locator("table.data")).ToContainTextAsync("$319.20");
        await page.ScreenshotAsync(new() { Path = Shot("09-purchase-history") });

        await page.GotoAsync(workshop);
        await Assertions.Expect(page.Locator("section.pricing.owned h2")).ToHaveTextAsync("You have access");
        await page.Locator("nav.module-nav li a").Nth(4).ClickAsync();
        await Assertions.Expect(page.Locator("article.lesson video")).ToBeVisibleAsync();

        // A team: five seats of Advanced Patterns at the 5% tier.
        // Owning the bundle already, the learner buys seats for colleagues from the "You have access" box.
        await page.GotoAsync($"/workshops/{DemoCatalogue.WorkshopSlug(DemoCatalogue.AdvancedFirst)}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Buy seats for your team" }).ClickAsync();
        await page.GetByLabel("Seats for a team").FillAsync("5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Price it" }).ClickAsync();
        var advanced = page.Locator("li.product", new() { HasText = "Advanced Patterns" });
        await Assertions.Expect(advanced.Locator(".price-label")).ToHaveTextAsync("5% team discount");
        await Assertions.Expect(advanced.Locator(".price-final")).ToHaveTextAsync("$1,182.75");
        await advanced.GetByRole(AriaRole.Link, new() { Name = "Buy for your team" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("Continue to payment") }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex(@"Pay \$1,182\.75") }).ClickAsync();
        await Assertions.Expect(page.Locator("table.data")).ToContainTextAsync("5 seats");

        await page.GetByRole(AriaRole.Link, new() { Name = "Team" }).ClickAsync();
        await Assertions.Expect(page.Locator(".team-card")).ToContainTextAsync("0 of 5");
        await Assertions.Expect(page.Locator("input.invite-link")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("/team/redeem/TEAM-"));
        await page.ScreenshotAsync(new() { Path = Shot("10-team-page") });
        watch.AssertClean();
    }
}
