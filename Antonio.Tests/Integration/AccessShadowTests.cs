using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Access;
using Antonio.Web.Caching;

namespace Antonio.Tests.Integration;

/// <summary>
/// Issue #28, shadow mode: every signed-in page decision (100 % in tests) is made again from a snapshot read straight
/// from PostgreSQL. Correct caches give no mismatch; a planted stale snapshot — a refund written behind the cache's back,
/// so no invalidation dropped the learner's snapshot — is caught and counted.
/// </summary>
[Trait("Category", "Integration")]
public sealed class AccessShadowTests(WritableDatabaseFixture fixture) : IClassFixture<WritableDatabaseFixture>, IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync(fixture.Database);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<AccessShadow> AfterChecksAsync(long checks)
    {
        var shadow = _app.Service<AccessShadow>();
        for (var i = 0; i < 100 && shadow.Checks < checks; i++) await Task.Delay(50);
        Assert.True(shadow.Checks >= checks, $"{shadow.Checks} shadow checks finished, expected {checks}");
        return shadow;
    }

    [Fact]
    public async Task A_stale_snapshot_is_caught_and_a_fresh_one_is_not()
    {
        var workshop = await SeededData.WorkshopAsync(fixture.Database, 0);
        var lesson = $"/workshops/{workshop.Slug}/{SeededData.PaidLesson(workshop).Lesson.Slug}";
        using var buyer = await WebUser.SignedInAsync(_app, DemoAccounts.Buyer);
        const string Body = "data-testid=\"lesson-body\"";

        Assert.Contains(Body, (await buyer.SettledAsync(lesson)).Body);
        Assert.Contains("You have access", (await buyer.SettledAsync($"/workshops/{workshop.Slug}")).Body);
        // The checks run beside the pages, not inside them: waited for, as the rest of this class does.
        var before = (await AfterChecksAsync(2)).Checks;
        Assert.Equal(0, _app.Service<AccessShadow>().Mismatches);

        // Planted: the purchase refunded in the database, and no write path told the cache.
        await fixture.Database.ExecuteAsync(
            $"UPDATE purchases SET status = 'Refunded' WHERE user_id = (SELECT id FROM users WHERE email = '{DemoAccounts.Buyer}') AND status = 'Valid'");
        Assert.Contains(Body, (await buyer.GetAsync(lesson)).Body); // the stale snapshot still opens the lesson: the fault shadow mode is for
        var shadow = await AfterChecksAsync(before + 1);
        for (var i = 0; i < 40 && shadow.Mismatches == 0; i++) await Task.Delay(50);
        Assert.Equal(1, shadow.Mismatches);

        // Shadow mode off: nothing is checked.
        _app.SetFastPaths((nameof(FastPathOptions.AccessShadowPercent), "0"));
        var checks = shadow.Checks;
        await buyer.GetAsync($"/workshops/{workshop.Slug}");
        await Task.Delay(300);
        Assert.Equal(checks, shadow.Checks);
    }
}
