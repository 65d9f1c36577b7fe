using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Antonio.Tests.E2E;

/// <summary>Signed-in learners in a real browser: a buyer watches and completes a lesson; a refunded buyer meets the paywall.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Journey")]
public sealed class AccountJourneyTests(BrowserFixture browser, SeededDatabaseFixture seeded) : IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(seeded.Database);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string Shot(string name) => Path.Combine(TestEnvironment.ArtifactsDirectory, name + ".png");

    private async Task<(IBrowserContext Context, IPage Page, PageWatch Watch)> SignInAsync(string email, string returnUrl)
    {
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = _app.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var watch = new PageWatch(page);
        await page.GotoAsync($"/account/login?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // Enhanced navigation changes the URL without a load event: poll the URL instead of waiting for one.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(returnUrl) + "$"), new() { Timeout = 30_000 });
        return (context, page, watch);
    }

    [Fact]
    public async Task Buyer_watches_completes_a_lesson_and_sees_progress_on_the_workshop_page()
    {
        var workshop = DemoCatalogue.WorkshopSlug(0);
        var (context, page, watch) = await SignInAsync(DemoAccounts.Buyer, $"/workshops/{workshop}");
        await using var _ = context;
        await Assertions.Expect(page.Locator("section.pricing.owned h2")).ToHaveTextAsync("You have access");

        await page.Locator("nav.module-nav li a").Nth(4).ClickAsync();
        await Assertions.Expect(page.Locator("article.lesson video")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".paywall")).ToHaveCountAsync(0);
        var lessonTitle = (await page.Locator("h1").TextContentAsync())!;

        await page.GetByRole(AriaRole.Button, new() { Name = "Mark lesson complete" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("mark as not done") })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Shot("05-buyer-completed-lesson"), FullPage = true });

        await page.Locator("nav.breadcrumbs a").First.ClickAsync();
        await Assertions.Expect(page.Locator(".progress-summary")).ToContainTextAsync("1 of");
        await Assertions.Expect(page.Locator("nav.module-nav li.done a")).ToHaveTextAsync(lessonTitle);
        await page.ScreenshotAsync(new() { Path = Shot("06-buyer-progress"), FullPage = true });

        // Leave the data as found for the other tests of this shared database.
        await page.Locator("nav.module-nav li.done a").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("mark as not done") }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Mark lesson complete" })).ToBeVisibleAsync();
        watch.AssertClean();
    }

    [Fact]
    public async Task Refunded_buyer_meets_the_paywall()
    {
        var workshop = DemoCatalogue.WorkshopSlug(0);
        var (context, page, watch) = await SignInAsync(DemoAccounts.Refunded, $"/workshops/{workshop}");
        await using var _ = context;
        await page.Locator("nav.module-nav li a").Nth(4).ClickAsync();
        await Assertions.Expect(page.Locator(".paywall")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("article.lesson video")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".sign-in-prompt")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Shot("07-refunded-paywall"), FullPage = true });
        watch.AssertClean();
    }
}
