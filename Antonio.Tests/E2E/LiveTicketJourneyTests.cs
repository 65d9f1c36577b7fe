using System.Text.RegularExpressions;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Commerce.Live;
using Microsoft.Playwright;

namespace Antonio.Tests.E2E;

/// <summary>A signed-in learner buys a ticket to the live session from its page, in a real browser, and is told there when the way in opens.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Journey")]
public sealed class LiveTicketJourneyTests(BrowserFixture browser) : OwnDatabaseJourney
{
    [Fact]
    public async Task Buy_a_ticket_from_the_session_page_then_be_told_when_the_way_in_opens()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = App.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var watch = new PageWatch(page);
        var session = LiveLinks.Page(DemoCatalogue.LiveSessionSlug);

        await page.GotoAsync("/account/login?returnUrl=" + Uri.EscapeDataString(session));
        await page.GetByLabel("Email").FillAsync(DemoAccounts.Nobody);
        await page.GetByLabel("Password").FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("TypeScript office hours", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("section.pricing")).ToContainTextAsync("29 seats left of 30");

        await page.GetByRole(AriaRole.Link, new() { Name = "Buy a ticket" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("Continue to payment") }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex(@"Pay \$49") }).ClickAsync();
        await Assertions.Expect(page.Locator("table.data")).ToContainTextAsync("TypeScript office hours");

        await page.GotoAsync(session);
        await Assertions.Expect(page.Locator("section.pricing")).ToContainTextAsync("You hold a ticket.");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Buy a ticket" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("section.live-join")).ToContainTextAsync("You hold a ticket. The way in opens here");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Join the session" })).ToHaveCountAsync(0);
        await page.GotoAsync(LiveLinks.Join(DemoCatalogue.LiveSessionSlug));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Not yet");
        await Assertions.Expect(page.Locator("section.message-page")).ToContainTextAsync("You hold a ticket");
        Assert.DoesNotContain("meet.example.com", await page.ContentAsync(), StringComparison.Ordinal);
        watch.AssertClean();
    }
}
