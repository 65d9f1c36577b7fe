using System.Text.RegularExpressions;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Learning;
using Microsoft.Playwright;

namespace Antonio.Tests.E2E;

/// <summary>
/// A buyer's home in a real browser: sign-in lands on the dashboard, Continue opens the lesson they stopped at,
/// finishing the workshop brings a certificate that a stranger can open; then the password changes (the old one
/// stops working) and the account is deleted (no sign-in, the certificate says it is revoked, purchases still counted).
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Journey")]
public sealed partial class LearnerHomeJourneyTests(BrowserFixture browser) : OwnDatabaseJourney
{
    [Fact]
    public async Task Dashboard_continue_finish_certificate_password_and_delete()
    {
        var workshop = await SeededData.WorkshopAsync(Db, DemoCatalogue.EssentialsFirst);
        var lessons = new LessonNavigator(workshop).Lessons;
        var stoppedAt = lessons[^2].Lesson;
        // The buyer did all but the last two lessons, and was last in the second-to-last, 3 seconds into its video.
        await Db.ExecuteAsync($"""
            INSERT INTO resource_progress (user_id, resource_id, completed_at, created_at, updated_at)
            SELECT u.id, r.id, now() - interval '2 days', now() - interval '2 days', now() - interval '2 days'
              FROM users u CROSS JOIN content_resources r
             WHERE u.email = '{DemoAccounts.Buyer}' AND r.id IN ({string.Join(",", lessons.Take(lessons.Count - 2).Select(l => $"'{l.Lesson.Id}'"))});
            INSERT INTO resource_progress (user_id, resource_id, position_seconds, created_at, updated_at)
            SELECT id, '{stoppedAt.Id}', 3, now() - interval '1 day', now() - interval '1 day' FROM users WHERE email = '{DemoAccounts.Buyer}';
            """);
        var purchasesBefore = await Db.ScalarAsync<long>("SELECT count(*) FROM purchases");

        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        var watch = new PageWatch(page);
        await SignInAsync(page, DemoAccounts.Buyer, DemoAccounts.Password);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/dashboard$"), new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("My workshops");
        var card = page.Locator($"#workshop-{workshop.Slug}");
        await Assertions.Expect(card).ToContainTextAsync($"{lessons.Count - 2} of {lessons.Count}");
        await Assertions.Expect(card).ToContainTextAsync(stoppedAt.Title);
        await page.ScreenshotAsync(new() { Path = Shot("20-dashboard"), FullPage = true });

        await card.GetByRole(AriaRole.Link, new() { Name = $"Continue {workshop.Title}" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape($"/{stoppedAt.Slug}") + "$"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(stoppedAt.Title);
        if (await page.Locator("video[data-player]").CountAsync() > 0) // the player resumes where they stopped
            await Assertions.Expect(page.Locator("video[data-player]")).ToHaveAttributeAsync("data-start", "3");

        foreach (var _ in new[] { 1, 2 })
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Mark lesson complete" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("mark as not done") })).ToBeVisibleAsync();
            if (await page.Locator("a[rel=next]").CountAsync() > 0) await page.Locator("a[rel=next]").First.ClickAsync();
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(lessons[^1].Lesson.Title);
        }
        await Assertions.Expect(page.Locator(".progress-summary")).ToContainTextAsync("Your certificate is on your dashboard");
        await page.Locator(".progress-summary").GetByRole(AriaRole.Link, new() { Name = "your dashboard" }).ClickAsync();
        await Assertions.Expect(card).ToContainTextAsync($"{lessons.Count} of {lessons.Count}");
        await card.GetByRole(AriaRole.Link, new() { Name = $"Certificate for {workshop.Title}" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Certificate of completion");
        await Assertions.Expect(page.Locator(".certificate-workshop")).ToHaveTextAsync(workshop.Title);
        var certificateUrl = page.Url;
        await page.ScreenshotAsync(new() { Path = Shot("21-certificate"), FullPage = true });
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.Locator(".site-header")).ToBeHiddenAsync();
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        // A stranger opens the shared link.
        await using (var stranger = await NewContextAsync())
        {
            var strangerPage = await stranger.NewPageAsync();
            await strangerPage.GotoAsync(certificateUrl);
            await Assertions.Expect(strangerPage.Locator(".certificate-name")).ToHaveTextAsync("bought Essentials (Valid, US)");
            await Assertions.Expect(strangerPage.Locator(".certificate-workshop")).ToHaveTextAsync(workshop.Title);
        }

        // A new password: the old one is refused from then on.
        await page.GotoAsync("/account");
        // Several forms ask for the current password; each field is named inside its own form.
        await page.GetByRole(AriaRole.Form, new() { Name = "Change your password" }).GetByLabel("Current password").FillAsync(DemoAccounts.Password);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("a-fresh-journey-password");
        await page.GetByLabel("Confirm the new password").FillAsync("a-fresh-journey-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("Your password was changed");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Sign out {DemoAccounts.Buyer}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await SignInAsync(page, DemoAccounts.Buyer, DemoAccounts.Password);
        await Assertions.Expect(page.Locator(".form-error")).ToContainTextAsync("don't match an account");
        await SignInAsync(page, DemoAccounts.Buyer, "a-fresh-journey-password");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/dashboard$"), new() { Timeout = 30_000 });

        // Delete the account.
        await page.GotoAsync("/account#delete");
        await page.GetByLabel($"Type {DemoAccounts.Buyer} to confirm").FillAsync(DemoAccounts.Buyer);
        await page.GetByRole(AriaRole.Form, new() { Name = "Delete your account" }).GetByLabel("Current password").FillAsync("a-fresh-journey-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete my account" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Your account was deleted");
        await SignInAsync(page, DemoAccounts.Buyer, "a-fresh-journey-password");
        await Assertions.Expect(page.Locator(".form-error")).ToContainTextAsync("don't match an account");

        await page.GotoAsync(certificateUrl);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("This certificate is no longer valid");
        // The page answers 410 Gone, which the browser's console reports: expected here, and only here.
        watch.ExpectOnlyError("status of 410");
        await page.ScreenshotAsync(new() { Path = Shot("22-certificate-revoked") });

        await SignInAsync(page, DemoAccounts.Admin, DemoAccounts.Password);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/dashboard$"), new() { Timeout = 30_000 });
        await page.GotoAsync("/admin/purchases");
        await Assertions.Expect(page.Locator(".sales-summary")).ToContainTextAsync($"{purchasesBefore} purchases");
        watch.AssertClean();
    }

    private Task<IBrowserContext> NewContextAsync() =>
        browser.Browser.NewContextAsync(new() { BaseURL = App.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });

    private static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }
}
