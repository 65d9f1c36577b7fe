using Antonio.Data.Content;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Antonio.Tests.E2E;

/// <summary>
/// The admin area in Chromium: edits made in the interactive editors reach an anonymous visitor's next
/// page load without a restart; a refund takes a learner's lesson back behind the paywall.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Journey")]
public sealed class AdminJourneyTests(BrowserFixture browser) : OwnDatabaseJourney
{
    private async Task<(IBrowserContext Context, IPage Page, PageWatch Watch)> SignedInAsync(string email, string returnUrl)
    {
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = App.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var watch = new PageWatch(page);
        await page.GotoAsync("/account/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal)); // the cookie is set once we have left
        return (context, page, watch);
    }

    /// <summary>Interactive pages are prerendered first; edits must wait for the Blazor Server circuit.</summary>
    private static Task InteractiveAsync(IPage page) =>
        Assertions.Expect(page.Locator("section.admin[data-interactive=yes]")).ToHaveCountAsync(1, new() { Timeout = 15_000 });

    [Fact]
    public async Task Admin_renames_a_lesson_and_adds_a_free_one_and_an_anonymous_visitor_sees_both()
    {
        var workshop = $"/workshops/{DemoCatalogue.WorkshopSlug(2)}";
        await using var visitorContext = await browser.Browser.NewContextAsync(new() { BaseURL = App.BaseAddress.ToString() });
        var visitor = await visitorContext.NewPageAsync();
        await visitor.GotoAsync(workshop);
        var oldTitle = (await visitor.Locator("nav.module-nav li a").Nth(1).TextContentAsync())!;

        var (adminContext, admin, watch) = await SignedInAsync(DemoAccounts.Admin, "/admin/workshops?q=postgresql");
        await using var _ = adminContext;
        await admin.GetByRole(AriaRole.Link, new() { Name = DemoCatalogue.WorkshopTitle(2) }).ClickAsync();
        // The workshop's editor live first: a click on its tree while the circuit starts can be lost (CI saw the
        // page stay on the workshop once).
        await Assertions.Expect(admin.Locator("h1")).ToHaveTextAsync($"Edit workshop: {DemoCatalogue.WorkshopTitle(2)}");
        await InteractiveAsync(admin);
        await admin.GetByRole(AriaRole.Link, new() { Name = oldTitle, Exact = true }).ClickAsync();
        await Assertions.Expect(admin.Locator("h1")).ToHaveTextAsync($"Edit lesson: {oldTitle}");
        await Assertions.Expect(admin.GetByLabel("Title")).ToHaveValueAsync(oldTitle);
        await InteractiveAsync(admin);

        // Rename: the preview follows typing (the editor is a live circuit), then save.
        await admin.Locator("#body").FillAsync("## Fresh heading\n\nNew body");
        await admin.Locator("#body").PressSequentiallyAsync(".");
        // Until the circuit has the typed body, the old body's headings show: wait for the first to change.
        await Assertions.Expect(admin.Locator("section.preview h2").First).ToHaveTextAsync("Fresh heading");
        await admin.GetByLabel("Title").FillAsync("Renamed by the admin");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(admin.Locator(".notice")).ToContainTextAsync("Saved");
        await admin.ScreenshotAsync(new() { Path = Shot("11-admin-editor"), FullPage = true });

        // Add a free lesson to the first section, write its body, publish it.
        await admin.Locator("nav.admin-breadcrumbs").GetByRole(AriaRole.Link, new() { Name = DemoCatalogue.WorkshopTitle(2) }).ClickAsync();
        await Assertions.Expect(admin.Locator("h1")).ToHaveTextAsync($"Edit workshop: {DemoCatalogue.WorkshopTitle(2)}");
        await InteractiveAsync(admin);
        await admin.Locator("#new-parent").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await admin.Locator("#new-title").FillAsync("A free taster");
        await admin.Locator("#new-free").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Assertions.Expect(admin.Locator(".admin-structure .notice")).ToContainTextAsync("Added “A free taster”");
        await Assertions.Expect(admin.Locator(".admin-tree")).ToContainTextAsync("lesson · draft · free");
        await admin.ScreenshotAsync(new() { Path = Shot("12-admin-structure"), FullPage = true });
        await admin.Locator(".admin-tree").GetByRole(AriaRole.Link, new() { Name = "A free taster" }).ClickAsync();
        await Assertions.Expect(admin.Locator("h1")).ToHaveTextAsync("Edit lesson: A free taster");
        await InteractiveAsync(admin);
        await admin.Locator("#body").FillAsync("Everyone may read this **taster**.");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(admin.Locator(".notice")).ToContainTextAsync("Saved");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Assertions.Expect(admin.Locator(".admin-actions strong")).ToHaveTextAsync(ContentStates.Published);

        // The anonymous visitor, in another context, sees both on the public page and reads the free lesson.
        await visitor.ReloadAsync();
        var nav = visitor.Locator("nav.module-nav");
        await Assertions.Expect(nav.Locator("li a").Nth(1)).ToHaveTextAsync("Renamed by the admin");
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "A free taster" })).ToHaveCountAsync(1);
        await nav.GetByRole(AriaRole.Link, new() { Name = "A free taster" }).ClickAsync();
        await Assertions.Expect(visitor.Locator(".lesson-body strong")).ToHaveTextAsync("taster");
        await Assertions.Expect(visitor.Locator(".paywall")).ToHaveCountAsync(0);
        watch.AssertClean();
    }

    [Fact]
    public async Task Admin_refunds_a_purchase_and_the_learner_meets_the_paywall()
    {
        var tree = await SeededData.WorkshopAsync(Db, 0);
        var paid = SeededData.PaidLesson(tree).Lesson;
        var lesson = $"/workshops/{tree.Slug}/{paid.Slug}";

        var (learnerContext, learner, learnerWatch) = await SignedInAsync(DemoAccounts.Buyer, lesson);
        await using var _ = learnerContext;
        await Assertions.Expect(learner.Locator("article.lesson h1")).ToHaveTextAsync(paid.Title);
        await Assertions.Expect(learner.Locator(".paywall")).ToHaveCountAsync(0);

        var (adminContext, admin, adminWatch) = await SignedInAsync(DemoAccounts.Admin, "/admin/purchases?email=" + Uri.EscapeDataString(DemoAccounts.Buyer));
        await using var __ = adminContext;
        await Assertions.Expect(admin.Locator("table.data tbody tr")).ToHaveCountAsync(1);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Refund" }).ClickAsync();
        await Assertions.Expect(admin.Locator(".notice")).ToContainTextAsync("Refunded");
        await Assertions.Expect(admin.Locator("table.data tbody tr")).ToContainTextAsync("Refunded");
        await admin.ScreenshotAsync(new() { Path = Shot("13-admin-refund"), FullPage = true });

        await learner.ReloadAsync();
        await Assertions.Expect(learner.Locator(".paywall")).ToHaveCountAsync(1);
        await Assertions.Expect(learner.Locator(".lesson-body")).ToHaveCountAsync(0);
        await learner.ScreenshotAsync(new() { Path = Shot("14-after-refund-paywall"), FullPage = true });
        learnerWatch.AssertClean();
        adminWatch.AssertClean();
    }

    [Fact]
    public async Task Two_admins_edit_the_same_lesson_and_the_second_save_is_told_not_lost_silently()
    {
        var tree = await SeededData.WorkshopAsync(Db, 1);
        var lesson = tree.Children.First(c => c.IsSection).Children[0];
        // Two browsers, two circuits, the same lesson loaded at the same version.
        var (contextA, first, watchA) = await SignedInAsync(DemoAccounts.Admin, $"/admin/content/{lesson.Id}");
        await using var _ = contextA;
        var (contextB, second, watchB) = await SignedInAsync(DemoAccounts.Admin, $"/admin/content/{lesson.Id}");
        await using var __ = contextB;
        await InteractiveAsync(first);
        await InteractiveAsync(second);

        await first.GetByLabel("Title").FillAsync("First admin's title");
        await first.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(first.Locator(".notice")).ToContainTextAsync("Saved");

        await second.GetByLabel("Title").FillAsync("Second admin's title");
        await second.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(second.Locator(".form-error")).ToContainTextAsync("Someone else saved this");
        await Assertions.Expect(second.GetByLabel("Title")).ToHaveValueAsync("Second admin's title"); // their text stays to copy
        await second.ScreenshotAsync(new() { Path = Shot("15-admin-conflict"), FullPage = true });
        Assert.Equal("First admin's title", await Db.ScalarAsync<string>($"SELECT fields->>'title' FROM content_resources WHERE id = '{lesson.Id}'"));
        watchA.AssertClean();
        watchB.AssertClean();
    }

    [Fact]
    public async Task An_admin_demoted_with_an_editor_open_has_the_next_action_refused_and_the_page_closed()
    {
        var editors = App.Service<Antonio.Web.Admin.UserAccessEditor>();
        var temporary = await Db.ScalarAsync<Guid>($"SELECT id FROM users WHERE email = '{DemoAccounts.Nobody}'");
        var buyer = await Db.ScalarAsync<Guid>($"SELECT id FROM users WHERE email = '{DemoAccounts.Buyer}'");
        await editors.SetRoleAsync(temporary, Antonio.Data.Identity.SiteRoles.Admin, true, null);
        var (context, admin, _) = await SignedInAsync(DemoAccounts.Nobody, $"/admin/users/{buyer}");
        await using var _ = context;
        await InteractiveAsync(admin);

        // Demoted while the page's circuit is open (another admin's click, or "sign out everywhere").
        await editors.SetRoleAsync(temporary, Antonio.Data.Identity.SiteRoles.Admin, false, null);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Grant contributor" }).ClickAsync();
        // The page reloads and meets the server's check: the sign-in page (the cookie's stamp is old) — never the editor again.
        await admin.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal), new() { Timeout = 15_000 });
        Assert.Equal(0L, await Db.ScalarAsync<long>(
            $"SELECT count(*) FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = '{buyer}' AND r.name = 'contributor'"));
        Assert.Equal(0L, await Db.ScalarAsync<long>($"SELECT count(*) FROM audit_entries WHERE action = 'user.role.grant' AND entity_id = '{buyer}'"));
    }

    [Fact]
    public async Task An_open_editor_of_a_user_who_signed_out_everywhere_closes_itself_without_a_click()
    {
        await using var app = await TestApp.StartAsync(Db, settings: new Dictionary<string, string?> { ["Antonio:Sessions:CircuitRevalidationInterval"] = "00:00:01" });
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        await using var _ = context;
        var admin = await context.NewPageAsync();
        await admin.GotoAsync("/account/login?returnUrl=%2Fadmin%2Fcoupons%2Fnew");
        await admin.GetByLabel("Email").FillAsync(DemoAccounts.Admin);
        await admin.GetByLabel("Password").FillAsync(DemoAccounts.Password);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await admin.WaitForURLAsync(url => url.Contains("/admin/coupons/new", StringComparison.Ordinal));
        await InteractiveAsync(admin);

        // "Sign out everywhere" from another device: the security stamp changes.
        var id = await Db.ScalarAsync<Guid>($"SELECT id FROM users WHERE email = '{DemoAccounts.Admin}'");
        await Db.ExecuteAsync($"UPDATE users SET security_stamp = '{Guid.NewGuid():N}' WHERE id = '{id}'");
        await app.Service<Antonio.Web.Caching.CacheInvalidator>().UserChangedAsync(id);
        await admin.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal), new() { Timeout = 15_000 });
    }
}
