using Antonio.Data.Access;
using Antonio.Data.Commerce;
using Antonio.Data.Content;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Admin;
using Antonio.Web.Commerce;
using Antonio.Web.Learning;

namespace Antonio.Tests.Integration;

/// <summary>
/// The admin write paths against real PostgreSQL and Redis, checked where learners see them: the
/// public pages of the same running app, with its cache warm before each change.
/// </summary>
[Trait("Category", "Integration")]
public sealed class AdminEditorsTests(WritableDatabaseFixture fixture) : IClassFixture<WritableDatabaseFixture>, IAsyncLifetime
{
    private TestApp _app = null!;
    private Guid _admin;

    public async Task InitializeAsync()
    {
        _app = await TestApp.StartAsync(fixture.Database);
        _admin = await fixture.Database.ScalarAsync<Guid>($"SELECT id FROM users WHERE email = '{DemoAccounts.Admin}'");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Task<long> AuditCountAsync(string action, Guid entity) =>
        fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM audit_entries WHERE action = '{action}' AND entity_id = '{entity}' AND user_id = '{_admin}'");

    [Fact]
    public async Task A_free_lesson_added_to_a_section_is_public_at_once_moves_and_goes_with_its_section()
    {
        var tree = await SeededData.WorkshopAsync(fixture.Database, 4);
        var section = tree.Children.First(c => c.IsSection);
        var page = $"/workshops/{tree.Slug}";
        Assert.Equal(200, (await _app.GetAsync(page)).Status); // warm the cache: the edit must get past it

        var editor = _app.Service<ContentEditor>();
        var (outcome, id) = await editor.CreateAsync(ContentTypes.Lesson,
            new ContentFields { Title = "Taster lesson", Slug = "taster-lesson", Body = "Open to **everyone**." }, section.Id, _admin, free: true);
        Assert.Equal(EditOutcome.Saved, outcome);
        Assert.DoesNotContain("Taster lesson", (await _app.GetAsync(page)).Body); // a draft until published
        Assert.Equal(EditOutcome.Saved, await editor.UpdateFieldsAsync(id!.Value, null, f => f.State = ContentStates.Published, _admin, "content.publish"));

        var workshopPage = await _app.GetAsync(page);
        Assert.Contains("Taster lesson", workshopPage.Body);
        var lesson = await _app.GetAsync($"{page}/taster-lesson");
        Assert.Equal(200, lesson.Status);
        Assert.Contains("Open to <strong>everyone</strong>", lesson.Body);
        Assert.DoesNotContain("class=\"paywall\"", lesson.Body);

        // Added last; one move up puts it before the section's previous last lesson.
        var structure = _app.Service<StructureEditor>();
        var before = (await SeededData.WorkshopAsync(fixture.Database, 4)).Children.First(c => c.Id == section.Id).Children;
        Assert.Equal(id, before[^1].Id);
        Assert.Equal(EditOutcome.Saved, await structure.MoveAsync(section.Id, id.Value, -1, _admin));
        var after = (await SeededData.WorkshopAsync(fixture.Database, 4)).Children.First(c => c.Id == section.Id).Children;
        Assert.Equal([.. before.Take(before.Count - 2).Select(l => l.Id), id.Value, before[^2].Id], after.Select(l => l.Id));
        Assert.Equal(EditOutcome.NotAllowedHere, await structure.MoveAsync(section.Id, after[0].Id, -1, _admin));

        // Removing the section takes its lessons with it: gone from the page, 404 by URL.
        Assert.Equal(EditOutcome.Saved, await structure.RemoveAsync(section.Id, _admin));
        Assert.DoesNotContain(section.Title, (await _app.GetAsync(page)).Body);
        Assert.Equal(404, (await _app.GetAsync($"{page}/taster-lesson")).Status);
        Assert.Equal(404, (await _app.GetAsync($"{page}/{section.Children[0].Slug}")).Status);

        foreach (var (action, entity) in new[] { ("content.create", id.Value), ("content.publish", id.Value), ("content.reorder", id.Value), ("content.remove", section.Id) })
            Assert.Equal(1, await AuditCountAsync(action, entity));
        using var admin = await WebUser.SignedInAsync(_app, DemoAccounts.Admin);
        var history = (await admin.GetAsync($"/admin/audit?entity={id}")).Body;
        Assert.Contains("content.publish", history);
        Assert.Contains(DemoAccounts.Admin, history);
        Assert.DoesNotContain("content.remove", history); // the section's entry is in its own history
    }

    [Fact]
    public async Task Marking_a_paid_lesson_free_opens_it_to_anonymous_visitors_and_back()
    {
        var tree = await SeededData.WorkshopAsync(fixture.Database, 5);
        var paid = SeededData.PaidLesson(tree);
        var url = $"/workshops/{tree.Slug}/{paid.Lesson.Slug}";
        Assert.Contains("class=\"paywall\"", (await _app.GetAsync(url)).Body);
        var structure = _app.Service<StructureEditor>();
        var parent = paid.Section?.Id ?? tree.Id;
        Assert.Equal(EditOutcome.Saved, await structure.SetFreeAsync(parent, paid.Lesson.Id, true, _admin));
        Assert.DoesNotContain("class=\"paywall\"", (await _app.GetAsync(url)).Body);
        Assert.Equal(EditOutcome.Saved, await structure.SetFreeAsync(parent, paid.Lesson.Id, false, _admin));
        Assert.Contains("class=\"paywall\"", (await _app.GetAsync(url)).Body);
        Assert.Equal(1, await AuditCountAsync("content.free", paid.Lesson.Id));
        Assert.Equal(1, await AuditCountAsync("content.unfree", paid.Lesson.Id));
    }

    [Fact]
    public async Task Creating_with_a_taken_slug_or_in_the_wrong_place_is_refused_with_a_message()
    {
        var tree = await SeededData.WorkshopAsync(fixture.Database, 3);
        var editor = _app.Service<ContentEditor>();
        var taken = new LessonNavigator(tree).Lessons[0].Lesson.Slug;
        var (outcome, id) = await editor.CreateAsync(ContentTypes.Lesson, new ContentFields { Title = "Copy", Slug = taken }, tree.Id, _admin);
        Assert.Equal((EditOutcome.SlugTaken, null), (outcome, id));
        Assert.Contains("already uses this slug", EditMessages.For(outcome).Text);
        Assert.Equal(0, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM content_resources WHERE fields->>'title' = 'Copy'"));
        var lesson = new LessonNavigator(tree).Lessons[0].Lesson.Id;
        Assert.Equal(EditOutcome.NotAllowedHere, (await editor.CreateAsync(ContentTypes.Section, new ContentFields { Title = "S", Slug = "nested-section" }, lesson, _admin)).Outcome);
        Assert.Equal(EditOutcome.NotAllowedHere, (await editor.CreateAsync(ContentTypes.Lesson, new ContentFields { Title = "Orphan", Slug = "orphan" }, null, _admin)).Outcome);
    }

    [Fact]
    public async Task A_new_product_shows_on_its_workshop_and_a_stale_save_is_refused()
    {
        var tree = await SeededData.WorkshopAsync(fixture.Database, 7); // a free workshop: no product yet
        var page = $"/workshops/{tree.Slug}";
        Assert.DoesNotContain("Workshop pass", (await _app.GetAsync(page)).Body);
        var products = _app.Service<ProductEditor>();
        var form = new ProductForm { Name = "Workshop pass", Type = ProductTypes.SelfPaced, UnitAmount = 79m, WorkshopIds = [tree.Id] };
        var (outcome, id) = await products.SaveAsync(null, null, form, _admin);
        Assert.Equal(EditOutcome.Saved, outcome);
        var body = (await _app.GetAsync(page)).Body;
        Assert.Contains("Workshop pass", body);
        Assert.Contains("$79", body);
        // Now sold, its lessons are paid (docs/domain.md, access rule 2): the second lesson shows the paywall to anonymous visitors.
        Assert.Contains("class=\"paywall\"", (await _app.GetAsync($"{page}/{new LessonNavigator(tree).Lessons[1].Lesson.Slug}")).Body);

        var loaded = (await products.LoadAsync(id!.Value))!.Value;
        loaded.Form.UnitAmount = 89m;
        Assert.Equal(EditOutcome.Saved, (await products.SaveAsync(id, loaded.Version, loaded.Form, _admin)).Outcome);
        Assert.Contains("$89", (await _app.GetAsync(page)).Body);
        loaded.Form.UnitAmount = 99m; // the version this admin loaded is now stale
        Assert.Equal(EditOutcome.Conflict, (await products.SaveAsync(id, loaded.Version, loaded.Form, _admin)).Outcome);
        Assert.Equal("8900|7900", await fixture.Database.ScalarAsync<string>(
            $"SELECT string_agg(unit_amount_cents::text, '|' ORDER BY status DESC) FROM prices WHERE product_id = '{id}'"));
        Assert.Equal(1, await AuditCountAsync("product.create", id.Value));
        Assert.Equal(1, await AuditCountAsync("product.update", id.Value));
    }

    [Fact]
    public async Task Coupons_save_with_a_unique_code_and_concurrency_and_the_sale_reaches_the_pricing_at_once()
    {
        var coupons = _app.Service<CouponEditor>();
        var form = new CouponForm { Code = "ADMIN-TEST", PercentageDiscount = 0.5m, MaxUses = 10 };
        var (outcome, id) = await coupons.SaveAsync(null, null, form, _admin);
        Assert.Equal(EditOutcome.Saved, outcome);
        Assert.Equal(EditOutcome.CodeTaken, (await coupons.SaveAsync(null, null, form, _admin)).Outcome);

        var tree = await SeededData.WorkshopAsync(fixture.Database, 0);
        var quote = await _app.GetAsync($"/workshops/{tree.Slug}?code=ADMIN-TEST");
        Assert.Contains("50% off", quote.Body);
        var loaded = (await coupons.LoadAsync(id!.Value))!.Value;
        loaded.Form.Active = false;
        Assert.Equal(EditOutcome.Saved, (await coupons.SaveAsync(id, loaded.Version, loaded.Form, _admin)).Outcome);
        Assert.DoesNotContain("50% off", (await _app.GetAsync($"/workshops/{tree.Slug}?code=ADMIN-TEST")).Body);
        Assert.Equal(EditOutcome.Conflict, (await coupons.SaveAsync(id, loaded.Version, loaded.Form, _admin)).Outcome);
        Assert.Equal(1, await AuditCountAsync("coupon.update", id.Value));
    }

    [Fact]
    public async Task A_manual_entitlement_opens_a_paid_lesson_and_revoking_it_closes_it()
    {
        var tree = await SeededData.WorkshopAsync(fixture.Database, 1);
        var url = $"/workshops/{tree.Slug}/{SeededData.PaidLesson(tree).Lesson.Slug}";
        using var nobody = await WebUser.SignedInAsync(_app, DemoAccounts.Nobody);
        Assert.Contains("class=\"paywall\"", (await nobody.GetAsync(url)).Body);

        var users = _app.Service<UserAccessEditor>();
        var userId = await fixture.Database.ScalarAsync<Guid>($"SELECT id FROM users WHERE email = '{DemoAccounts.Nobody}'");
        Assert.Equal(EditOutcome.Saved, await users.GrantAsync(userId, new EntitlementForm { WorkshopId = tree.Id }, _admin));
        Assert.DoesNotContain("class=\"paywall\"", (await nobody.GetAsync(url)).Body);
        var granted = (await users.LoadAsync(userId))!.Entitlements.Single(e => e.Source == EntitlementSources.Manual && e.Active);
        Assert.Equal([tree.Title], granted.Workshops);
        Assert.Equal(EditOutcome.Saved, await users.RevokeAsync(userId, granted.Id, _admin));
        Assert.Contains("class=\"paywall\"", (await nobody.GetAsync(url)).Body);
        Assert.Equal(EditOutcome.NotFound, await users.RevokeAsync(userId, granted.Id, _admin));
        Assert.Equal(1, await AuditCountAsync("entitlement.grant", granted.Id));
        Assert.Equal(1, await AuditCountAsync("entitlement.revoke", granted.Id));
    }

    [Fact]
    public async Task A_revoked_admin_loses_the_admin_area_on_the_next_request()
    {
        var users = _app.Service<UserAccessEditor>();
        var reviewer = await fixture.Database.ScalarAsync<Guid>($"SELECT id FROM users WHERE email = '{DemoAccounts.Reviewer}'");
        using var user = await WebUser.SignedInAsync(_app, DemoAccounts.Reviewer);
        Assert.Equal(403, (await user.GetAsync("/admin/workshops")).Status);
        Assert.Equal(EditOutcome.Saved, await users.SetRoleAsync(reviewer, "admin", true, _admin));
        // A role change rotates the security stamp: the old cookie is signed out; a new sign-in has the role.
        Assert.Equal(302, (await user.GetAsync("/admin/workshops")).Status);
        using var promoted = await WebUser.SignedInAsync(_app, DemoAccounts.Reviewer);
        Assert.Equal(200, (await promoted.GetAsync("/admin/workshops")).Status);
        Assert.Equal(EditOutcome.Saved, await users.SetRoleAsync(reviewer, "admin", false, _admin));
        Assert.Equal(302, (await promoted.GetAsync("/admin/workshops")).Status); // revoked: that session is over
        using var demoted = await WebUser.SignedInAsync(_app, DemoAccounts.Reviewer);
        Assert.Equal(403, (await demoted.GetAsync("/admin/workshops")).Status);
        Assert.Equal(EditOutcome.NotAllowedHere, await users.SetRoleAsync(reviewer, "superuser", true, _admin));
        Assert.Equal(1, await AuditCountAsync("user.role.grant", reviewer));
        Assert.Equal(1, await AuditCountAsync("user.role.revoke", reviewer));
    }

    [Fact]
    public async Task An_admin_refund_goes_through_fulfilment_once()
    {
        var buyer = await fixture.Database.ScalarAsync<Guid>($"SELECT id FROM users WHERE email = '{DemoAccounts.BundleBuyer}'");
        var purchase = await fixture.Database.ScalarAsync<Guid>($"SELECT id FROM purchases WHERE user_id = '{buyer}' AND status = 'Valid' LIMIT 1");
        var fulfilment = _app.Service<Fulfilment>();
        Assert.Equal(RefundOutcome.Refunded, await fulfilment.RefundAsync(purchase, _admin));
        Assert.Equal(RefundOutcome.NotRefundable, await fulfilment.RefundAsync(purchase, _admin));
        Assert.Equal(RefundOutcome.NotFound, await fulfilment.RefundAsync(Guid.NewGuid(), _admin));
        Assert.Equal(0, await fixture.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM entitlements WHERE source_id = '{purchase}' AND deleted_at IS NULL"));
        Assert.Equal(1, await AuditCountAsync("purchase.refund", purchase));
    }
}
