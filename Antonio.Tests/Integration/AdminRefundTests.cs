using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Learning;

namespace Antonio.Tests.Integration;

/// <summary>An admin refund revokes the learner's access on their next request, and is audited.</summary>
[Trait("Category", "Integration")]
public sealed class AdminRefundTests(WritableDatabaseFixture fixture) : IClassFixture<WritableDatabaseFixture>, IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(fixture.Database);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Admin_refund_puts_the_learner_behind_the_paywall()
    {
        var workshop = await SeededData.WorkshopAsync(fixture.Database, 0);
        var lesson = $"/workshops/{workshop.Slug}/{new LessonNavigator(workshop).Lessons[3].Lesson.Slug}";
        using var buyer = await WebUser.SignedInAsync(_app, DemoAccounts.Buyer);
        Assert.DoesNotContain("class=\"paywall\"", (await buyer.GetAsync(lesson)).Body);

        using var admin = await WebUser.SignedInAsync(_app, DemoAccounts.Admin);
        var search = "/admin/purchases?email=" + Uri.EscapeDataString(DemoAccounts.Buyer);
        var list = await admin.GetAsync(search);
        Assert.Contains("Essentials", list.Body);
        var purchaseId = await fixture.Database.ScalarAsync<Guid>(
            $"SELECT p.id FROM purchases p JOIN users u ON u.id = p.user_id WHERE u.email = '{DemoAccounts.Buyer}'");
        var refunded = await admin.SubmitFormAsync(search, $"refund-{purchaseId:N}", []);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, refunded.StatusCode);

        Assert.Equal("Refunded", await fixture.Database.ScalarAsync<string>($"SELECT status FROM purchases WHERE id = '{purchaseId}'"));
        Assert.Equal(1L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM audit_entries WHERE entity_id = '{purchaseId}' AND action = 'purchase.refund'"));
        Assert.Contains("class=\"paywall\"", (await buyer.GetAsync(lesson)).Body);
        Assert.DoesNotContain("<button class=\"button secondary\" type=\"submit\">Refund</button>", (await admin.GetAsync(search)).Body);
    }
}
