using Antonio.Data.Commerce;
using Antonio.Data.Seeding;
using Antonio.Tests.Infrastructure;
using Antonio.Web.Access;
using Antonio.Web.Commerce;

namespace Antonio.Tests.Integration;

/// <summary>
/// Issue #26.3: a refund or dispute of a team purchase, or of a seat top-up, takes back what it gave — seats
/// (max_uses), pending invitations, claimed seats' access (the learner told), their certificates — and the access
/// matrix shows the seat holders back at the free lessons.
/// </summary>
[Trait("Category", "Integration")]
public sealed class TeamRefundTests(WritableDatabaseFixture fixture) : IClassFixture<WritableDatabaseFixture>, IAsyncLifetime
{
    private TestApp _app = null!;
    public async Task InitializeAsync() => _app = await TestApp.StartAsync(fixture.Database);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Task<Guid> UserAsync(string email) => fixture.Database.ScalarAsync<Guid>($"SELECT id FROM users WHERE email = '{email}'");
    private Task<Guid> AdvancedAsync() => fixture.Database.ScalarAsync<Guid>("SELECT id FROM products WHERE name = 'Advanced Patterns'");
    private Task<int> SeatsAsync(Guid team) => fixture.Database.ScalarAsync<int>($"SELECT c.max_uses FROM coupons c JOIN purchases p ON p.bulk_coupon_id = c.id WHERE p.id = '{team}'");
    private Task<long> PendingAsync(Guid team) => fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM team_invitations WHERE bulk_purchase_id = '{team}' AND claimed_at IS NULL AND revoked_at IS NULL");

    private async Task<Guid> CertificateAsync(string email, int workshopIndex)
    {
        var workshop = await SeededData.WorkshopAsync(fixture.Database, workshopIndex);
        var id = Guid.NewGuid();
        await fixture.Database.ExecuteAsync($"""
            INSERT INTO certificates (id, code, user_id, workshop_id, recipient_name, workshop_title, completed_at, issued_at)
            VALUES ('{id}', '{Guid.NewGuid():N}', '{await UserAsync(email)}', '{workshop.Id}', 'x', '{workshop.Title.Replace("'", "''")}', now(), now())
            """);
        return id;
    }

    private Task<bool> RevokedAsync(Guid certificate) => fixture.Database.ScalarAsync<bool>($"SELECT revoked_at IS NOT NULL FROM certificates WHERE id = '{certificate}'");

    [Fact]
    public async Task Refunding_a_top_up_takes_back_its_seats_and_refunding_the_team_ends_every_seat()
    {
        var buyer = await UserAsync(DemoAccounts.TeamBuyer);
        var team = await fixture.Database.ScalarAsync<Guid>($"SELECT id FROM purchases WHERE user_id = '{buyer}' AND bulk_coupon_id IS NOT NULL");
        Assert.Equal(10, await SeatsAsync(team));
        var fulfilment = _app.Service<Fulfilment>();
        var (_, topUp) = await fulfilment.FulfilAsync(new PaidCheckout
        {
            Provider = "local", ChargeId = "top-up-" + Guid.NewGuid().ToString("N"), UserId = buyer, ProductId = await AdvancedAsync(), Quantity = 3, AmountCents = 30_000,
        });
        Assert.Equal(13, await SeatsAsync(team));
        Assert.Empty(await _app.Service<TeamInvitations>().InviteAsync(buyer, team, "first@example.test second@example.test"));
        var certificate = await CertificateAsync(DemoAccounts.SeatHolder, DemoCatalogue.AdvancedFirst);
        await AccessMatrix.CheckAsync(_app, fixture.Database, DemoAccounts.SeatHolder, DemoCatalogue.AdvancedFirst, null, "all");

        // The top-up's three seats go back; two claimed and two invited still fit in ten.
        Assert.Equal(RefundOutcome.Refunded, await fulfilment.RefundAsync(topUp!.Value, null));
        Assert.Equal(10, await SeatsAsync(team));
        Assert.Equal(2, await PendingAsync(team));
        await AccessMatrix.CheckAsync(_app, fixture.Database, DemoAccounts.SeatHolder, DemoCatalogue.AdvancedFirst, null, "all");
        Assert.False(await RevokedAsync(certificate));

        // The team's own purchase: no seat is left, so every invitation is withdrawn and every seat ends.
        Assert.Equal(RefundOutcome.Refunded, await fulfilment.RefundAsync(team, null));
        Assert.Equal(0, await SeatsAsync(team));
        Assert.Equal(0, await PendingAsync(team));
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM purchases p JOIN coupons c ON p.redeemed_bulk_coupon_id = c.id WHERE c.bulk_purchase_id = '{team}'"));
        Assert.True(await RevokedAsync(certificate));
        foreach (var holder in new[] { DemoAccounts.SeatHolder, "seat-holder-2@antonio.dev" })
        {
            var notice = await _app.Mail.WaitForAsync(holder, m => m.Subject == "Your team seat has ended");
            Assert.Contains("Advanced Patterns", notice.TextBody);
            await AccessMatrix.CheckAsync(_app, fixture.Database, holder, DemoCatalogue.AdvancedFirst, null, "free");
        }
        await AccessMatrix.CheckAsync(_app, fixture.Database, DemoAccounts.TeamBuyer, DemoCatalogue.AdvancedFirst, null, "free");
        // A seat cannot be taken any more, through the shared link or an old invitation.
        var code = await fixture.Database.ScalarAsync<string>($"SELECT c.code FROM coupons c JOIN purchases p ON p.bulk_coupon_id = c.id WHERE p.id = '{team}'");
        Assert.Equal(RedeemOutcome.NoSeatsLeft, await _app.Service<TeamSeats>().RedeemAsync(await UserAsync(DemoAccounts.Nobody), code));
    }

    [Fact]
    public async Task A_disputed_team_purchase_reported_by_the_provider_ends_its_seats()
    {
        var buyer = await UserAsync(DemoAccounts.BundleBuyer);
        var charge = "team-" + Guid.NewGuid().ToString("N");
        var fulfilment = _app.Service<Fulfilment>();
        var (_, team) = await fulfilment.FulfilAsync(new PaidCheckout
        {
            Provider = "local", ChargeId = charge, UserId = buyer, ProductId = await AdvancedAsync(), Quantity = 5, AmountCents = 100_000,
        });
        var code = await fixture.Database.ScalarAsync<string>($"SELECT c.code FROM coupons c JOIN purchases p ON p.bulk_coupon_id = c.id WHERE p.id = '{team}'");
        Assert.Equal(RedeemOutcome.Redeemed, await _app.Service<TeamSeats>().RedeemAsync(await UserAsync(DemoAccounts.ExpiredEntitlement), code));
        await AccessMatrix.CheckAsync(_app, fixture.Database, DemoAccounts.ExpiredEntitlement, DemoCatalogue.AdvancedFirst, null, "all");

        Assert.True(await fulfilment.ReverseAsync("local", charge, PurchaseStatus.Disputed));
        Assert.Equal(0, await SeatsAsync(team!.Value));
        await _app.Mail.WaitForAsync(DemoAccounts.ExpiredEntitlement, m => m.Subject == "Your team seat has ended");
        await AccessMatrix.CheckAsync(_app, fixture.Database, DemoAccounts.ExpiredEntitlement, DemoCatalogue.AdvancedFirst, null, "free");
        Assert.Equal(1L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM audit_entries WHERE action = 'team.seats-reduced' AND entity_id = '{team}'"));
    }
}
