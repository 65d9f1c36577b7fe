using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Antonio.Tests.E2E;

/// <summary>An admin renames a lesson in the interactive editor; an anonymous visitor sees it at once.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminJourneyTests(BrowserFixture browser) : OwnDatabaseJourney
{

    [Fact]
    public async Task Admin_renames_a_lesson_and_an_anonymous_visitor_sees_it()
    {
        var workshop = $"/workshops/{DemoCatalogue.WorkshopSlug(2)}";
        await using var visitorContext = await browser.Browser.NewContextAsync(new() { BaseURL = App.BaseAddress.ToString() });
        var visitor = await visitorContext.NewPageAsync();
        await visitor.GotoAsync(workshop);
        var oldTitle = (await visitor.Locator("nav.module-nav li a").Nth(1).TextContentAsync())!;

        await using var adminContext = await browser.Browser.NewContextAsync(new() { BaseURL = App.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        var admin = await adminContext.NewPageAsync();
        var watch = new PageWatch(admin);
        await admin.GotoAsync("/account/login?returnUrl=%2Fadmin%2Fworkshops%3Fq%3Dpostgresql");
        await admin.GetByLabel("Email").FillAsync(DemoAccounts.Admin);
        await admin.GetByLabel("Password").FillAsync(DemoAccounts.Password);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = DemoCatalogue.WorkshopTitle(2) }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = oldTitle, Exact = true }).ClickAsync();
        await Assertions.Expect(admin.Locator("h1")).ToHaveTextAsync("Edit lesson");
        await Assertions.Expect(admin.GetByLabel("Title")).ToHaveValueAsync(oldTitle);
        // Prerendered first; wait for the Blazor Server circuit to take over the form.
        await Assertions.Expect(admin.Locator("section.admin[data-interactive=yes]")).ToHaveCountAsync(1, new() { Timeout = 15_000 });

        // The editor is interactive (a Blazor Server circuit): the preview follows typing.
        await admin.Locator("#body").FillAsync("## Fresh heading\n\nNew body");
        await admin.Locator("#body").PressSequentiallyAsync(".");
        await Assertions.Expect(admin.Locator("section.preview h2")).ToHaveTextAsync("Fresh heading");
        await admin.GetByLabel("Title").FillAsync("Renamed by the admin");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(admin.Locator(".notice")).ToContainTextAsync("Saved");
        await admin.ScreenshotAsync(new() { Path = Shot("11-admin-editor"), FullPage = true });

        await visitor.ReloadAsync();
        await Assertions.Expect(visitor.Locator("nav.module-nav li a").Nth(1)).ToHaveTextAsync("Renamed by the admin");
        watch.AssertClean();
    }
}
